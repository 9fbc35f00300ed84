"""Files both ways: users' files the bot fetches (getFile and the ``/file/bot<token>/<path>`` download
route), and the photos and documents the bot sends (sendPhoto, sendDocument: uploads, attach://, known
file_ids), with Telegram's size limits and image checks.
"""

from __future__ import annotations

import mimetypes
import re
import struct
import time
from dataclasses import dataclass
from typing import Any

from aiohttp import web

from tests.fake_bot_api.calls import CallLog
from tests.fake_bot_api.errors import bad_request
from tests.fake_bot_api.messages import MessagesMixin
from tests.fake_bot_api.models import Call, SentMessage
from tests.fake_bot_api.state import Method

MAX_DOWNLOAD_BYTES = 20 * 1024 * 1024  # getFile refuses bigger files ("file is too big")
MIME_TYPES = {
    ".pdf": "application/pdf", ".txt": "text/plain", ".csv": "text/csv", ".json": "application/json",
    ".doc": "application/msword", ".zip": "application/zip", ".png": "image/png", ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg", ".gif": "image/gif", ".webp": "image/webp",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}  # fmt: skip
NO_FILE = "wrong file identifier/HTTP URL specified"


def guess_mime_type(filename: str) -> str:
    suffix = filename[filename.rfind(".") :].lower() if "." in filename else ""
    return MIME_TYPES.get(suffix) or mimetypes.guess_type(filename)[0] or "application/octet-stream"


def image_size(data: bytes) -> tuple[int, int] | None:
    """(width, height) from a PNG, JPEG, GIF or WebP header; None when it is not such an image."""
    size: tuple[int, int] | None = None
    if data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR" and len(data) >= 24:
        size = struct.unpack(">II", data[16:24])
    elif data[:6] in (b"GIF87a", b"GIF89a") and len(data) >= 10:
        size = struct.unpack("<HH", data[6:10])
    elif data[:2] == b"\xff\xd8":
        size = _jpeg_size(data)
    elif data[:4] == b"RIFF" and data[8:12] == b"WEBP" and len(data) >= 30:
        chunk = data[12:16]
        if chunk == b"VP8X":
            size = 1 + int.from_bytes(data[24:27], "little"), 1 + int.from_bytes(data[27:30], "little")
        elif chunk == b"VP8 " and data[23:26] == b"\x9d\x01\x2a":
            width, height = struct.unpack("<HH", data[26:30])
            size = width & 0x3FFF, height & 0x3FFF
        elif chunk == b"VP8L" and data[20:21] == b"\x2f":
            bits = int.from_bytes(data[21:25], "little")
            size = (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1
    if size is None or min(size) <= 0:
        return None
    return size


def _jpeg_size(data: bytes) -> tuple[int, int] | None:
    i = 2
    while i + 9 < len(data):
        if data[i] != 0xFF:
            return None
        marker = data[i + 1]
        if marker == 0xFF:
            i += 1
            continue
        if 0xD0 <= marker <= 0xD9 or marker == 0x01:
            i += 2
            continue
        if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
            height, width = struct.unpack(">HH", data[i + 5 : i + 9])
            return width, height
        i += 2 + struct.unpack(">H", data[i + 2 : i + 4])[0]
    return None


@dataclass
class _File:
    file_id: str
    file_unique_id: str
    kind: str  # "photo", "document", "sticker" or "voice"
    content: bytes
    file_path: str
    file_name: str | None = None
    mime_type: str | None = None
    sizes: list[dict[str, Any]] | None = None  # a photo: all its PhotoSize objects

    def document(self) -> dict[str, Any]:
        data: dict[str, Any] = {"file_id": self.file_id, "file_unique_id": self.file_unique_id}
        if self.file_name:
            data["file_name"] = self.file_name
        if self.mime_type:
            data["mime_type"] = self.mime_type
        data["file_size"] = len(self.content)
        return data


class FilesMixin(MessagesMixin, CallLog):
    """The files the fake keeps (by file_id and by download path) and the methods that use them."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._files: dict[str, _File] = {}  # by file_id
        self._file_paths: dict[str, _File] = {}  # by file_path
        self._next_file = 1

    def api_methods(self) -> dict[str, Method]:
        return {
            **super().api_methods(),
            "getfile": self._get_file,
            "sendphoto": self._send_photo,
            "senddocument": self._send_document,
        }

    async def _handle_file(self, request: web.Request) -> web.Response:
        """GET /file/bot<token>/<file_path>: the bytes, recorded in ``calls`` as a ``downloadFile`` call."""
        call = Call("downloadFile", {"file_path": request.match_info["path"]})
        file = self._file_paths.get(request.match_info["path"])
        if request.match_info["token"] != self.token:
            call.error = (401, "Unauthorized")
        elif file is None:
            call.error = (404, "Not Found")
        else:
            call.result = {"file_id": file.file_id, "size": len(file.content)}
            response = web.Response(body=file.content, content_type=file.mime_type or "application/octet-stream")
        if call.error:
            body = {"ok": False, "error_code": call.error[0], "description": call.error[1]}
            response = web.json_response(body, status=call.error[0])
        self._record(call)
        return response

    def _add_file(
        self,
        kind: str,
        file_id: str,
        file_unique_id: str,
        content: bytes,
        *,
        sizes: list[dict[str, Any]] | None = None,
        file_name: str | None = None,
        mime_type: str | None = None,
    ) -> _File:
        """Keep a file so that getFile knows it and the file route serves it."""
        n = self._next_file
        self._next_file += 1
        folder = {"photo": "photos", "document": "documents", "sticker": "stickers", "voice": "voice"}[kind]
        suffix = {"photo": ".jpg", "sticker": ".webp", "voice": ".oga"}.get(kind, "")
        if kind == "document" and file_name and "." in file_name:
            suffix = file_name[file_name.rfind(".") :]
        path = f"{folder}/file_{n}{suffix}"
        file = _File(file_id, file_unique_id, kind, content, path, file_name, mime_type, sizes)
        self._files[file_id] = file
        self._file_paths[path] = file
        return file

    def _get_file(self, params: dict[str, Any]) -> dict[str, Any]:
        file = self._files.get(str(params.get("file_id") or ""))
        if file is None:
            raise bad_request("invalid file_id")
        if len(file.content) > MAX_DOWNLOAD_BYTES:
            raise bad_request("file is too big")
        return {
            "file_id": file.file_id,
            "file_unique_id": file.file_unique_id,
            "file_size": len(file.content),
            "file_path": file.file_path,
        }

    def _input_file(self, params: dict[str, Any], field: str) -> _File | tuple[str, bytes] | None:
        """The ``field`` of a send*: an upload (directly or as attach://name) as (file name, bytes), a known
        file_id as its _File, None when absent."""
        value = params.get(field)
        if isinstance(value, str) and value.startswith("attach://"):
            value = params.get(value[len("attach://") :])
            if not isinstance(value, dict):
                raise bad_request(f"there is no {field} in the request")
        if isinstance(value, dict) and isinstance(value.get("content"), bytes):
            if not value["content"]:
                raise bad_request("file must be non-empty")
            return str(value.get("filename") or field), value["content"]
        if value is None or value == "":
            return None
        if not isinstance(value, str):
            raise bad_request(NO_FILE)
        if re.match(r"https?://", value, re.IGNORECASE):
            raise bad_request("sending files by URL is not emulated by the fake server; upload the bytes")
        file = self._files.get(value)
        if file is None:
            raise bad_request(NO_FILE)
        return file

    def _store_photo(self, content: bytes) -> list[dict[str, Any]]:
        """Telegram's PhotoSize set for an uploaded image (every size serves the uploaded bytes)."""
        size = image_size(content)
        if size is None:
            raise bad_request("IMAGE_PROCESS_FAILED")
        width, height = size
        if width + height > 10000 or max(size) > 20 * min(size):
            raise bad_request("PHOTO_INVALID_DIMENSIONS")
        longest = max(size)
        sides = [side for side in (90, 320, 800) if side < longest] + [min(longest, 1280)]
        n = self._next_file
        sizes: list[dict[str, Any]] = []
        for k, side in enumerate(sides):
            scale = side / longest
            w, h = max(1, round(width * scale)), max(1, round(height * scale))
            file_size = len(content) if side == sides[-1] else max(1, round(len(content) * scale * scale))
            sizes.append({"file_id": f"AgACAgIAAxkBAAI{n}photo_{k}", "file_unique_id": f"AQAD{n}p{k}",
                          "file_size": file_size, "width": w, "height": h})  # fmt: skip
        for item in sizes:
            self._add_file("photo", item["file_id"], item["file_unique_id"], content, sizes=sizes)
        return sizes

    def _send_media(self, params: dict[str, Any], kind: str) -> dict[str, Any]:
        chat_id = self._chat_id(params)
        source = self._input_file(params, kind)
        if source is None:
            raise bad_request(f"there is no {kind} in the request")
        caption = self._caption(params)
        markup = self._markup(params.get("reply_markup"))
        reply_to = self._reply_target(chat_id, params)
        if isinstance(source, _File):
            if source.kind != kind:
                raise bad_request("type of file mismatch")
            file = source
        elif kind == "photo":
            file = self._files[self._store_photo(source[1])[-1]["file_id"]]
        else:
            name, content = source
            n = self._next_file
            file = self._add_file("document", f"BQACAgIAAxkBAAI{n}document", f"AgAD{n}d", content, file_name=name,
                                  mime_type=guess_mime_type(name))  # fmt: skip
        sent = SentMessage(
            chat_id=chat_id,
            message_id=self._new_message_id(chat_id),
            html=caption.html,
            text=caption.text,
            entities=caption.entities,
            reply_markup=markup,
            parse_mode=caption.parse_mode,
            reply_to_message_id=reply_to,
            date=int(time.time()),
            photo=file.content if kind == "photo" else None,
            document=(file.file_name or "document", file.content) if kind == "document" else None,
            media={"photo": file.sizes} if kind == "photo" else {"document": file.document()},
        )
        self._sent[(chat_id, sent.message_id)] = sent
        return self._message_result(sent)

    def _send_photo(self, params: dict[str, Any]) -> dict[str, Any]:
        return self._send_media(params, "photo")

    def _send_document(self, params: dict[str, Any]) -> dict[str, Any]:
        return self._send_media(params, "document")
