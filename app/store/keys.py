"""Encryption keys of a workspace.

A workspace is one SQLCipher file encrypted with a random 256-bit data key. The data key
can be unlocked three ways:

* the OS credential store (``keyring``), the default and what a teacher never sees;
* a **recovery key**: the data key itself, written as 13 groups of 4 Crockford base32
  characters plus a check group, shown once when the workspace is created and printable;
* a **passphrase**, where no keyring backend exists (headless Linux, locked-down Windows):
  the data key is wrapped with a key derived from the passphrase by scrypt.

Passphrase wraps live in a small sidecar file next to the workspace (``NAME.tdw.keys``)
together with the workspace's id. The sidecar holds no student data and no usable key:
each wrap is the data key XORed with a fresh scrypt output (used once, so it is a one-time
pad) and authenticated with HMAC-SHA256 under a second, independent part of that output.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import hmac
import json
import os
import secrets
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.core.errors import UserFacingError
from app.core.i18n import _
from app.store.private_files import open_private

KEY_BYTES = 32
KEYRING_SERVICE = "TeacherDesk workspace"
SIDECAR_SUFFIX = ".keys"
PASSPHRASE_ENV = "TEACHERDESK_PASSPHRASE"

# scrypt cost: ~0.1 s and 64 MiB on a classroom laptop; stored per wrap so it can grow.
SCRYPT_N = 2**16
SCRYPT_R = 8
SCRYPT_P = 1

_CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


class WorkspaceKeyError(UserFacingError):
    """A key could not be found or did not fit; the message is for the user."""


class WrongKey(WorkspaceKeyError):
    pass


class NoKeyAvailable(WorkspaceKeyError):
    pass


def new_data_key() -> bytes:
    return secrets.token_bytes(KEY_BYTES)


# --- recovery key -----------------------------------------------------------------------


def _b32_encode(data: bytes) -> str:
    bits = int.from_bytes(data, "big")
    nbits = len(data) * 8
    chars = []
    pad = (-nbits) % 5
    bits <<= pad
    for i in range((nbits + pad) // 5):
        shift = (nbits + pad) - 5 * (i + 1)
        chars.append(_CROCKFORD[(bits >> shift) & 31])
    return "".join(chars)


def _b32_decode(text: str, nbytes: int) -> bytes:
    value = 0
    for ch in text:
        value = (value << 5) | _CROCKFORD.index(ch)
    nbits = len(text) * 5
    value >>= nbits - nbytes * 8
    return value.to_bytes(nbytes, "big")


def recovery_key_from_data_key(key: bytes) -> str:
    """Human-typable form of the data key, with a 4-character checksum group."""
    body = _b32_encode(key)  # 52 characters for 32 bytes
    check = _b32_encode(hashlib.sha256(key).digest()[:3])[:4]
    text = body + check
    return "-".join(text[i : i + 4] for i in range(0, len(text), 4))


def data_key_from_recovery_key(recovery: str) -> bytes:
    """Parse a recovery key as typed: case, spaces, dashes and O/I/L confusions forgiven."""
    cleaned = recovery.upper().replace("-", "").replace(" ", "").strip()
    cleaned = cleaned.replace("O", "0").replace("I", "1").replace("L", "1").replace("U", "V")
    if len(cleaned) != 56 or any(c not in _CROCKFORD for c in cleaned):
        raise WrongKey(
            _("That is not a recovery key: it should be 14 groups of 4 letters and digits.")
        )
    key = _b32_decode(cleaned[:52], KEY_BYTES)
    check = _b32_encode(hashlib.sha256(key).digest()[:3])[:4]
    if check != cleaned[52:]:
        raise WrongKey(_("The recovery key has a typo: please check each group and try again."))
    return key


# --- passphrase wraps -------------------------------------------------------------------


def _derive(secret: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(
        secret.encode("utf-8"), salt=salt, n=n, r=r, p=p, maxmem=256 * 1024 * 1024, dklen=64
    )


def wrap_key(data_key: bytes, passphrase: str) -> dict[str, Any]:
    salt = secrets.token_bytes(16)
    derived = _derive(passphrase, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P)
    ciphertext = bytes(a ^ b for a, b in zip(data_key, derived[:32], strict=True))
    tag = hmac.new(derived[32:], ciphertext, hashlib.sha256).digest()
    return {
        "kind": "passphrase",
        "kdf": "scrypt",
        "n": SCRYPT_N,
        "r": SCRYPT_R,
        "p": SCRYPT_P,
        "salt": base64.b64encode(salt).decode(),
        "ciphertext": base64.b64encode(ciphertext).decode(),
        "tag": base64.b64encode(tag).decode(),
    }


def unwrap_key(wrap: dict[str, Any], passphrase: str) -> bytes:
    salt = base64.b64decode(wrap["salt"])
    derived = _derive(passphrase, salt, int(wrap["n"]), int(wrap["r"]), int(wrap["p"]))
    ciphertext = base64.b64decode(wrap["ciphertext"])
    tag = hmac.new(derived[32:], ciphertext, hashlib.sha256).digest()
    if not hmac.compare_digest(tag, base64.b64decode(wrap["tag"])):
        raise WrongKey(_("That passphrase does not open this workspace."))
    return bytes(a ^ b for a, b in zip(ciphertext, derived[:32], strict=True))


# --- sidecar ----------------------------------------------------------------------------


@dataclass
class Sidecar:
    """The plaintext companion of a workspace file: its id and passphrase wraps."""

    workspace_id: str
    wraps: list[dict[str, Any]] = field(default_factory=list)
    # Demo workspaces hold only invented people, so their key may sit here in the clear:
    # that is what lets ``teacherdesk --demo`` open with no keyring and no prompt.
    demo_key: str | None = None
    # A demo workspace holds invented people only; it refuses real imports.
    demo: bool = False

    @staticmethod
    def path_for(workspace: Path) -> Path:
        return workspace.with_name(workspace.name + SIDECAR_SUFFIX)

    @classmethod
    def load(cls, workspace: Path) -> Sidecar | None:
        return cls.load_file(cls.path_for(workspace))

    @classmethod
    def load_file(cls, path: Path) -> Sidecar | None:
        """The key file at ``path`` (None if there is none)."""
        if not path.exists():
            return None
        try:
            raw = json.loads(path.read_text("utf-8"))
            return cls(
                workspace_id=str(raw["workspace_id"]),
                wraps=list(raw.get("wraps", [])),
                demo_key=raw.get("demo_key"),
                demo=bool(raw.get("demo", False)),
            )
        except (ValueError, KeyError, TypeError) as exc:
            raise WorkspaceKeyError(
                _("The key file {name} is damaged ({exc}). Open the workspace with its recovery key.").format(name=path.name, exc=exc)
            ) from exc

    def save(self, workspace: Path) -> None:
        self.save_file(self.path_for(workspace))

    def save_file(self, path: Path) -> None:
        """Write the key file to ``path`` (0600, atomically)."""
        payload: dict[str, Any] = {"format": 1, "workspace_id": self.workspace_id, "wraps": self.wraps}
        if self.demo_key:
            payload["demo_key"] = self.demo_key
        if self.demo:
            payload["demo"] = True
        write_private_atomically(path, json.dumps(payload, indent=2).encode("utf-8"))

    @classmethod
    def new(cls) -> Sidecar:
        return cls(workspace_id=str(uuid.uuid4()))


def write_private_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` (mode 0600) under a temporary name, fsync, rename."""
    tmp = path.with_name(path.name + ".tmp")
    tmp.unlink(missing_ok=True)
    fd = open_private(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL)
    try:
        os.write(fd, data)
        os.fsync(fd)
    finally:
        os.close(fd)
    os.replace(tmp, path)


# --- keyring ----------------------------------------------------------------------------


def keyring_available() -> bool:
    """True when a real credential store is there (not the fail/null backends)."""
    try:
        import keyring
        from keyring.backends import fail

        backend = keyring.get_keyring()
    except Exception:
        return False
    if isinstance(backend, fail.Keyring):
        return False
    name = type(backend).__module__ + "." + type(backend).__name__
    if "null" in name.lower():
        return False
    # A chainer with nothing inside is no store at all.
    backends = getattr(backend, "backends", None)
    return not (backends is not None and len(backends) == 0)


def keyring_get(workspace_id: str) -> bytes | None:
    if not keyring_available():
        return None
    import keyring

    try:
        value = keyring.get_password(KEYRING_SERVICE, workspace_id)
    except Exception:
        return None
    if not value:
        return None
    try:
        key = bytes.fromhex(value)
    except ValueError:
        return None
    return key if len(key) == KEY_BYTES else None


def keyring_set(workspace_id: str, key: bytes) -> bool:
    if not keyring_available():
        return False
    import keyring

    try:
        keyring.set_password(KEYRING_SERVICE, workspace_id, key.hex())
    except Exception:
        return False
    return True


def keyring_delete(workspace_id: str) -> None:
    if not keyring_available():
        return
    import keyring

    with contextlib.suppress(Exception):
        keyring.delete_password(KEYRING_SERVICE, workspace_id)
