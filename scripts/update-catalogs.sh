#!/usr/bin/env bash
# Bring bot/locales/*.po up to date with the messages in the code (pybabel extract, then update).
#
#   bash scripts/update-catalogs.sh            # update kk.po and ru.po in place
#   LOCALES=/tmp/copy bash scripts/update-catalogs.sh   # try it on a copy first
#
# A new message arrives with an empty translation (or a #, fuzzy guess from a similar old one,
# with its #| previous msgid): tests/test_i18n.py fails until it is translated and the fuzzy
# flag removed. A message no code uses any more is dropped. pybabel writes entries in the
# order the code has them: the first run after hand edits reorders the files, so run it when
# nobody else is editing the catalogs, and review the diff. Terms: bot/locales/terminology.tsv.
set -euo pipefail
cd "$(dirname "$0")/.."
locales="${LOCALES:-bot/locales}"
pot="$(mktemp --suffix=.pot)"
trap 'rm -f "$pot"' EXIT
.venv/bin/pybabel --quiet extract --no-location --width 100 \
    --project zhergilikti-bot --version 0.1 --copyright-holder zhergilikti-bot \
    -F babel.cfg -k _ -k gettext -k __ -k ngettext:1,2 -o "$pot" .
for po in "$locales"/*.po; do
    lang="$(basename "$po" .po)"
    .venv/bin/pybabel --quiet update --width 100 --previous --ignore-obsolete \
        -i "$pot" -o "$po" -l "$lang" -D messages
done
