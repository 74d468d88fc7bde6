"""`.env.example` documents every variable the apps read (APP_CONFIG_KEYS, from the code)."""

from conftest import app_config_keys, env_example_keys


def test_env_example_lists_every_variable_of_the_config_schema() -> None:
    missing = sorted(set(app_config_keys()) - env_example_keys())
    assert not missing, f".env.example does not document {missing}"


def test_the_config_schema_yields_a_plausible_variable_list() -> None:
    keys = app_config_keys()
    assert {"MONGODB_URI", "NEO4J_URI", "REDIS_URL", "API_PORT", "WORKER_PORT"} <= set(keys)
    assert len(keys) == len(set(keys))
