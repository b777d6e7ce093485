"""spec/schemas/ loaded for the tests that validate what memspec prints, independently of the code
under test: python3-jsonschema (Debian 12's 4.10, draft 2020-12; newer versions work too), with
the schemas' cross-references ("scenario.schema.json#/$defs/profile") resolved among themselves."""
import json
import os
import warnings

import jsonschema

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SCHEMAS = os.path.join(ROOT, "spec", "schemas")


class Schemas:
    def __init__(self, directory=SCHEMAS):
        self.docs = {}
        for name in ("scenario", "result", "traces", "vectors"):
            with open(os.path.join(directory, f"{name}.schema.json")) as f:
                self.docs[name] = json.load(f)
        for doc in self.docs.values():
            jsonschema.Draft202012Validator.check_schema(doc)

    def validator(self, name, pointer=""):
        doc = self.docs[name]
        schema = {"$ref": doc["$id"] + pointer} if pointer else doc
        try:
            from referencing import Registry, Resource  # jsonschema >= 4.18
            registry = Registry().with_resources((d["$id"], Resource.from_contents(d)) for d in self.docs.values())
            return jsonschema.Draft202012Validator(schema, registry=registry)
        except ImportError:  # Debian 12's jsonschema 4.10
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", DeprecationWarning)
                resolver = jsonschema.RefResolver.from_schema(doc, store={d["$id"]: d for d in self.docs.values()})
                return jsonschema.Draft202012Validator(schema, resolver=resolver)

    def errors(self, name, instance, pointer=""):
        """Every violation, as "path: message" strings (empty: the instance is valid)."""
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            errs = list(self.validator(name, pointer).iter_errors(instance))
        return [f"{'/'.join(map(str, e.absolute_path)) or '(top)'}: {e.message[:200]}" for e in errs]
