import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { APP_CONFIG_KEYS } from './app-config.schema';
import { trustProxySetting } from '../http/bootstrap-http-app';
import { ConfigError, loadConfig } from './load-config';

function configFile(text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'cfg-')), 'config.yaml');
  writeFileSync(path, text);
  return path;
}

describe('loadConfig', () => {
  it('uses the built-in defaults when nothing is given', () => {
    const config = loadConfig({ env: {}, argv: [] });
    expect(config.API_PORT).toBe(3000);
    expect(config.WORKER_PORT).toBe(3001);
    expect(config.MONGODB_URI).toBe('mongodb://127.0.0.1:27017/insight-tracker');
    expect(config.NEO4J_URI).toBe('bolt://127.0.0.1:7687');
    expect(config.REDIS_URL).toBe('redis://127.0.0.1:6379');
  });

  it('applies defaults < config file < environment < command-line flags', () => {
    const file = configFile('API_PORT: 4000\nWORKER_PORT: 4001\nLOG_LEVEL: debug\nHOST: 0.0.0.0\n');
    const config = loadConfig({
      env: { CONFIG_FILE: file, WORKER_PORT: '5001', LOG_LEVEL: 'warn' },
      argv: ['--log-level=error'],
    });
    expect(config.HOST).toBe('0.0.0.0'); // file over default
    expect(config.API_PORT).toBe(4000); // file over default
    expect(config.WORKER_PORT).toBe(5001); // env over file
    expect(config.LOG_LEVEL).toBe('error'); // flag over env
  });

  it('reads the config file named by a flag and accepts JSON', () => {
    const file = configFile('{"API_PORT": 4100}');
    expect(loadConfig({ env: {}, argv: ['--config-file', file] }).API_PORT).toBe(4100);
  });

  it('names the variable and the value when a value is invalid', () => {
    expect(() => loadConfig({ env: { MONGODB_URI: 'not-a-uri' }, argv: [] })).toThrow(
      /MONGODB_URI: must be a mongodb:\/\/ or mongodb\+srv:\/\/ URI \(got "not-a-uri"\)/,
    );
  });

  it('reports every invalid variable at once', () => {
    try {
      loadConfig({ env: { API_PORT: '70000', REDIS_URL: 'http://x' }, argv: [] });
      throw new Error('expected a ConfigError');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const keys = (error as ConfigError).problems.map((p) => p.split(':')[0]).sort();
      expect(keys).toEqual(['API_PORT', 'REDIS_URL']);
    }
  });

  it('requires NEO4J_PASSWORD in production and defaults it only for local use', () => {
    expect(() => loadConfig({ env: { NODE_ENV: 'production' }, argv: [] })).toThrow(
      /NEO4J_PASSWORD: is required/,
    );
    expect(loadConfig({ env: {}, argv: [] }).NEO4J_PASSWORD).toBe('insight-local-dev');
  });

  it('requires a JWT_SECRET of at least 32 characters in production and defaults it only for local use', () => {
    const production = { NODE_ENV: 'production', NEO4J_PASSWORD: 'a-real-password' };
    expect(() => loadConfig({ env: production, argv: [] })).toThrow(/JWT_SECRET: is required/);
    expect(() => loadConfig({ env: { ...production, JWT_SECRET: 'short' }, argv: [] })).toThrow(
      /JWT_SECRET: must be at least 32 characters/,
    );
    expect(loadConfig({ env: {}, argv: [] }).JWT_SECRET.length).toBeGreaterThanOrEqual(32);
  });

  it('ignores unrelated environment variables and empty values', () => {
    const config = loadConfig({ env: { PATH: '/bin', API_PORT: '' }, argv: [] });
    expect(config.API_PORT).toBe(3000);
    expect(Object.keys(config)).not.toContain('PATH');
  });

  it('explains a config file that cannot be read', () => {
    expect(() => loadConfig({ env: { CONFIG_FILE: '/nonexistent/config.yaml' }, argv: [] })).toThrow(
      /CONFIG_FILE: cannot read \/nonexistent\/config.yaml/,
    );
  });

  it('lists every variable it reads', () => {
    expect(APP_CONFIG_KEYS).toEqual(
      expect.arrayContaining(['MONGODB_URI', 'NEO4J_URI', 'REDIS_URL', 'API_PORT']),
    );
  });
});

describe('.env.example', () => {
  it('documents every variable the apps read', () => {
    const example = readFileSync(join(__dirname, '../../../../.env.example'), 'utf8');
    const documented = new Set([...example.matchAll(/^([A-Z0-9_]+)=/gm)].map((m) => m[1]));
    expect(APP_CONFIG_KEYS.filter((key) => !documented.has(key))).toEqual([]);
  });
});

describe('TRUST_PROXY', () => {
  it('trusts only loopback proxies unless told otherwise', () => {
    expect(loadConfig({ env: {}, argv: [] }).TRUST_PROXY).toBe('loopback');
    expect(trustProxySetting('loopback')).toBe('loopback');
    expect(trustProxySetting('false')).toBe(false);
    expect(trustProxySetting('2')).toBe(2);
    expect(trustProxySetting('10.0.0.0/8,uniquelocal')).toBe('10.0.0.0/8,uniquelocal');
  });
});
