# An ordinary missing dependency, nothing loaded from a pickle: a look-alike.
import yaml_fast_loader  # noqa: F401
