# Not a pickle failure: a dependency that is not installed.
import json
import yaml_loader_not_installed

print(json.dumps(yaml_loader_not_installed.load("a: 1")))
