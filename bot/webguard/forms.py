"""Read an HTML form whose fields are all text, refusing anything else with a French message."""

from __future__ import annotations

from aiohttp import web
from multidict import MultiDict, MultiDictProxy

UNREADABLE = "Le formulaire envoyé est illisible. Rechargez la page et réessayez."
TOO_LARGE = "Le formulaire envoyé est trop volumineux."
NOT_TEXT = (
    "Le formulaire envoyé est invalide : le champ « {name} » doit être du texte, pas un fichier."
)


class FormRefused(Exception):
    """A posted form that cannot be read as text fields; `message` is for the person."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


async def read_form(request: web.Request) -> MultiDictProxy[str]:
    """Return the posted fields (urlencoded or multipart), every value a string.

    A file where text is expected, a non-text part, a broken body or an unknown charset is a
    FormRefused (400), an oversized body too (413): never an unexpected type for the caller.
    """
    try:
        posted = await request.post()
    except web.HTTPRequestEntityTooLarge:
        raise FormRefused(413, TOO_LARGE) from None
    except (ValueError, LookupError):
        # Malformed multipart, undecodable bytes, charset="nonsense": the client's fault.
        raise FormRefused(400, UNREADABLE) from None
    fields: MultiDict[str] = MultiDict()
    for name, value in posted.items():
        if not isinstance(value, str):
            raise FormRefused(400, NOT_TEXT.format(name=name[:40]))
        fields.add(name, value)
    return MultiDictProxy(fields)
