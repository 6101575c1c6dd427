# A registry that maps kinds to the interpreter's own types; pickling it saves each type
# by name, and these have none that can be imported.
import pickle
import types

registry = {"lazy": types.GeneratorType, "plugin": types.ModuleType}
for kind, cls in sorted(registry.items()):
    try:
        pickle.dumps({kind: cls})
    except Exception:
        if kind == "plugin":
            raise
        import traceback
        traceback.print_exc()
