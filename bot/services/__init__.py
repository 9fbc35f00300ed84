"""What the bot does with the knowledge base and the stored data: answering questions and finding a
stored answer again, the library of documents (reloads, uploads, removals), statistics, quizzes,
term cards, references, deep links and group roles.
"""
