import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { APP_CONFIG_KEYS, type AppConfig, appConfigSchema } from './app-config.schema';

/** A configuration that failed validation; the message names every bad variable. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export interface ConfigSources {
  env?: NodeJS.ProcessEnv;
  argv?: string[];
}

type RawConfig = Record<string, unknown>;

/** `--mongodb-uri=x` and `--MONGODB_URI=x` both set MONGODB_URI. */
function flagToKey(flag: string): string {
  return flag.replace(/-/g, '_').toUpperCase();
}

/** Reads `--name=value`, `--name value` and bare `--flag` (true); other tokens are ignored. */
function fromArgv(argv: string[]): RawConfig {
  const raw: RawConfig = {};
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i];
    if (!token.startsWith('--') || token === '--') continue;
    const eq = token.indexOf('=');
    if (eq > 2) {
      raw[flagToKey(token.slice(2, eq))] = token.slice(eq + 1);
    } else if (i + 1 < argv.length && !argv[i + 1].startsWith('--')) {
      raw[flagToKey(token.slice(2))] = argv[++i];
    } else {
      raw[flagToKey(token.slice(2))] = 'true';
    }
  }
  return raw;
}

function fromFile(path: string): RawConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError([`CONFIG_FILE: cannot read ${path} (${(error as Error).message})`]);
  }
  let parsed: unknown;
  try {
    parsed = parseYaml(text); // YAML is a superset of JSON, so both work
  } catch (error) {
    throw new ConfigError([`CONFIG_FILE: ${path} is not valid YAML or JSON (${(error as Error).message})`]);
  }
  if (parsed === null || parsed === undefined) return {};
  if (typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new ConfigError([`CONFIG_FILE: ${path} must hold a map of VARIABLE: value`]);
  }
  return parsed as RawConfig;
}

function known(raw: RawConfig): RawConfig {
  const keys = new Set<string>(APP_CONFIG_KEYS);
  return Object.fromEntries(Object.entries(raw).filter(([key, value]) => keys.has(key) && value !== ''));
}

/**
 * Loads the configuration: built-in defaults < config file (CONFIG_FILE / --config-file)
 * < environment < command-line flags. Throws ConfigError naming each invalid variable.
 */
export function loadConfig(sources: ConfigSources = {}): AppConfig {
  const env = sources.env ?? process.env;
  const cli = fromArgv(sources.argv ?? process.argv.slice(2));
  const configFile = (cli['CONFIG_FILE'] as string | undefined) ?? env['CONFIG_FILE'];
  const merged = {
    ...(configFile ? known(fromFile(configFile)) : {}),
    ...known(env),
    ...known(cli),
  };
  const result = appConfigSchema.safeParse(merged);
  if (!result.success) {
    throw new ConfigError(
      result.error.issues.map((issue) => {
        const key = issue.path.join('.') || 'config';
        const given = key in merged ? ` (got ${JSON.stringify(merged[key])})` : '';
        return `${key}: ${issue.message}${given}`;
      }),
    );
  }
  return result.data;
}

/** Loads the configuration or ends the process with a message naming what is wrong. */
export function loadConfigOrExit(sources?: ConfigSources): AppConfig {
  try {
    return loadConfig(sources);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
}
