"""Google's own description of an API (Sheets v4, Forms v1), to refuse any request the real service would refuse."""

import json
import re
from dataclasses import dataclass
from pathlib import Path

import googleapiclient

DOCUMENTS = Path(googleapiclient.__file__).parent / "discovery_cache" / "documents"


class InvalidRequest(Exception):
    """What Google answers with a 400: the message names the offending field."""


@dataclass(frozen=True)
class Method:
    id: str
    http_method: str
    pattern: re.Pattern
    parameters: dict
    request_schema: str | None
    literal_length: int


class Discovery:
    def __init__(self, document: dict):
        self.name = document["id"]
        self.schemas = document["schemas"]
        self.global_parameters = document["parameters"]
        self.methods = sorted(_methods(document["resources"]), key=lambda m: -m.literal_length)

    @classmethod
    def sheets_v4(cls) -> "Discovery":
        return cls(json.loads((DOCUMENTS / "sheets.v4.json").read_text(encoding="utf-8")))

    @classmethod
    def forms_v1(cls) -> "Discovery":
        return cls(json.loads((DOCUMENTS / "forms.v1.json").read_text(encoding="utf-8")))

    def check(self, http_method: str, path: str, query: dict[str, list[str]], body: object) -> tuple[str, dict]:
        """The method's ID and its path parameters; `InvalidRequest` for anything the document does not allow."""
        method, path_parameters = self._method(http_method, path)
        for name, values in query.items():
            self._check_parameter(method, name, values)
        if method.request_schema:
            if body is None:
                raise InvalidRequest(f"{method.id}: request body expected")
            self._check_value({"$ref": method.request_schema}, body, "")
        elif body not in (None, {}):
            raise InvalidRequest(f"{method.id}: no request body allowed")
        return method.id, path_parameters

    def _method(self, http_method: str, path: str) -> tuple[Method, dict]:
        for method in self.methods:
            if method.http_method == http_method.upper():
                found = method.pattern.fullmatch(path.lstrip("/"))
                if found:
                    return method, found.groupdict()
        raise InvalidRequest(f"no {self.name} method for {http_method} {path}")

    def _check_parameter(self, method: Method, name: str, values: list[str]) -> None:
        spec = method.parameters.get(name) or self.global_parameters.get(name)
        if spec is None or spec.get("location") == "path":
            raise InvalidRequest(f"Invalid query parameter {name!r} for {method.id}")
        if len(values) > 1 and not spec.get("repeated"):
            raise InvalidRequest(f"{name!r} given {len(values)} times for {method.id}")
        for value in values:
            if "enum" in spec and value not in spec["enum"]:
                raise InvalidRequest(f"Invalid value at {name!r} ({value!r})")
            if spec.get("type") == "boolean" and value.lower() not in ("true", "false"):  # gspread sends "False"
                raise InvalidRequest(f"Invalid value at {name!r} ({value!r}): not a boolean")
            if spec.get("type") == "integer" and not re.fullmatch(r"-?\d+", value):
                raise InvalidRequest(f"Invalid value at {name!r} ({value!r}): not an integer")

    def _check_value(self, spec: dict, value: object, where: str) -> None:  # noqa: C901 — one case per JSON type
        if value is None:  # JSON null: the field's default, as Google's proto3 parser reads it
            return
        if "$ref" in spec:
            spec = self.schemas[spec["$ref"]]
        kind = spec.get("type")
        if kind == "any":
            return
        if kind == "object":
            if not isinstance(value, dict):
                raise InvalidRequest(f"Invalid JSON payload received. Expected an object at '{where}'")
            for key, item in value.items():
                if key in spec.get("properties", {}):
                    self._check_value(spec["properties"][key], item, f"{where}.{key}".lstrip("."))
                elif "additionalProperties" in spec:
                    self._check_value(spec["additionalProperties"], item, f"{where}.{key}".lstrip("."))
                else:
                    raise InvalidRequest(
                        f"Invalid JSON payload received. Unknown name \"{key}\" at '{where}': Cannot find field."
                    )
        elif kind == "array":
            if not isinstance(value, list):
                raise InvalidRequest(f"Invalid JSON payload received. Expected a list at '{where}'")
            for position, item in enumerate(value):
                self._check_value(spec["items"], item, f"{where}[{position}]")
        elif kind == "string":
            numeric = spec.get("format") in ("int64", "uint64") and isinstance(value, int)
            if not isinstance(value, str) and not numeric:
                raise InvalidRequest(f"Invalid value at '{where}': expected a string")
            if "enum" in spec and value not in spec["enum"]:
                raise InvalidRequest(f"Invalid value at '{where}' ({value!r})")
        elif kind == "integer":
            if isinstance(value, bool) or not isinstance(value, int):
                raise InvalidRequest(f"Invalid value at '{where}': expected an integer")
        elif kind == "number":
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise InvalidRequest(f"Invalid value at '{where}': expected a number")
        elif kind == "boolean" and not isinstance(value, bool):
            raise InvalidRequest(f"Invalid value at '{where}': expected a boolean")


def _methods(resources: dict):
    for resource in resources.values():
        for method in resource.get("methods", {}).values():
            path = method.get("flatPath", method["path"])
            literal = re.sub(r"\{[^}]+\}", "", path)
            regex = re.sub(
                r"\{([^}]+)\}",
                lambda m: f"(?P<{m.group(1)}>[^/]+?)",
                re.escape(path).replace(r"\{", "{").replace(r"\}", "}"),
            )
            yield Method(
                method["id"],
                method["httpMethod"],
                re.compile(regex),
                method.get("parameters", {}),
                method.get("request", {}).get("$ref"),
                len(literal),
            )
        yield from _methods(resource.get("resources", {}))
