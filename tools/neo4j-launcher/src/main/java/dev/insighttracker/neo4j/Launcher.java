package dev.insighttracker.neo4j;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.BoltConnectorInternalSettings;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.QueryExecutionException;
import org.neo4j.io.ByteUnit;

/**
 * Starts Neo4j Community embedded, in-process, with a Bolt listener, for local development and CI.
 *
 * <p>Prints {@code neo4j-launcher: ready bolt://HOST:PORT} on stdout once Bolt accepts connections and
 * {@code neo4j-launcher: stopped} after a clean shutdown (SIGTERM / SIGINT, exit code 0).
 *
 * <p>Exit codes: 0 clean stop, 2 bad arguments, 1 startup failure.
 */
public final class Launcher {

    static final String PREFIX = "neo4j-launcher: ";
    static final int EXIT_STARTUP_FAILURE = 1;
    static final int EXIT_USAGE = 2;
    static final int MIN_PASSWORD_LENGTH = 8;
    static final String BUILTIN_USER = "neo4j";

    private static final String USAGE = String.join("\n",
            "usage: java [-Xmx512m] -jar target/neo4j-launcher.jar [flags]",
            "   or: java [-Xmx512m] [--add-opens ...] -cp 'target/classes:target/lib/*' dev.insighttracker.neo4j.Launcher [flags]",
            "",
            "  --data-dir DIR        Neo4j home (data/, logs/ live under it); env NEO4J_DATA_DIR; required",
            "  --password PW         password of the neo4j user, >= 8 chars; env NEO4J_PASSWORD; required",
            "  --bolt-port PORT      Bolt port; env NEO4J_BOLT_PORT; default 7687",
            "  --bolt-host HOST      Bolt listen address; default 127.0.0.1",
            "  --user NAME           must be 'neo4j' (Community has no roles); default neo4j",
            "  --pagecache SIZE      page cache size, e.g. 128m, 1g; default 128m",
            "  --tx-log-retention P  transaction log retention policy; default '1 days 64M'",
            "  --help                print this help");

    /** Parsed configuration. */
    record Config(Path dataDir, String boltHost, int boltPort, String user, String password,
                  long pageCacheBytes, String txLogRetention) {}

    /** Thrown for bad command-line arguments / environment. */
    static class UsageException extends Exception {
        UsageException(String message) {
            super(message);
        }
    }

    private Launcher() {}

    public static void main(String[] args) {
        Config config;
        try {
            config = parse(args, System.getenv());
        } catch (HelpRequested e) {
            System.out.println(USAGE);
            System.exit(0);
            return;
        } catch (UsageException e) {
            System.err.println(PREFIX + "error: " + e.getMessage());
            System.err.println(USAGE);
            System.exit(EXIT_USAGE);
            return;
        }
        System.exit(run(config));
    }

    static int run(Config config) {
        PrintStream out = System.out;
        DatabaseManagementService dbms;
        try {
            Files.createDirectories(config.dataDir());
            dbms = new DatabaseManagementServiceBuilder(config.dataDir())
                    .setConfig(BoltConnector.enabled, true)
                    .setConfig(BoltConnector.listen_address,
                            new SocketAddress(config.boltHost(), config.boltPort()))
                    .setConfig(BoltConnector.advertised_address,
                            new SocketAddress(config.boltHost(), config.boltPort()))
                    .setConfig(GraphDatabaseSettings.auth_enabled, true)
                    // No anonymous usage reporting: it would phone home over the network.
                    .setConfig(GraphDatabaseSettings.udc_enabled, false)
                    .setConfig(GraphDatabaseSettings.pagecache_memory, config.pageCacheBytes())
                    .setConfig(GraphDatabaseSettings.keep_logical_logs, config.txLogRetention())
                    // Small, non-preallocated transaction logs keep a dev data dir at a few MB.
                    .setConfig(GraphDatabaseSettings.logical_log_rotation_threshold, ByteUnit.mebiBytes(16))
                    .setConfig(GraphDatabaseSettings.preallocate_logical_logs, false)
                    // Bolt waits 5 s + 5 s by default when stopping, even with no clients; the databases are
                    // already stopped by then, so keep SIGTERM -> exit quick.
                    .setConfig(BoltConnectorInternalSettings.thread_pool_shutdown_wait_time, Duration.ofSeconds(1))
                    .setConfig(BoltConnectorInternalSettings.connection_shutdown_wait_time, Duration.ofSeconds(1))
                    .build();
        } catch (Throwable t) {
            System.err.println(PREFIX + "startup failed: " + describe(t));
            return EXIT_STARTUP_FAILURE;
        }

        AtomicBoolean stopped = new AtomicBoolean(false);
        Runnable stop = () -> {
            if (stopped.compareAndSet(false, true)) {
                try {
                    dbms.shutdown();
                    out.println(PREFIX + "stopped");
                } catch (Throwable t) {
                    System.err.println(PREFIX + "shutdown failed: " + describe(t));
                } finally {
                    out.flush();
                    System.err.flush();
                }
            }
        };
        Runtime.getRuntime().addShutdownHook(new Thread(stop, "neo4j-launcher-shutdown"));

        try {
            ensurePassword(dbms, config.password());
            waitForBolt(connectHost(config.boltHost()), config.boltPort(), 60_000);
        } catch (Throwable t) {
            System.err.println(PREFIX + "startup failed: " + describe(t));
            stop.run();
            return EXIT_STARTUP_FAILURE;
        }

        // SIGTERM / SIGINT: exit with status 0; System.exit runs the shutdown hook above.
        installExitZeroOnSignal("TERM");
        installExitZeroOnSignal("INT");

        out.println(PREFIX + "ready bolt://" + formatHost(config.boltHost()) + ":" + config.boltPort());
        out.flush();

        try {
            new CountDownLatch(1).await(); // block until the JVM is asked to exit
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        stop.run();
        return 0;
    }

    /** Makes the configured password the neo4j user's password, with no forced change. */
    static void ensurePassword(DatabaseManagementService dbms, String password) {
        GraphDatabaseService system = dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME);
        try {
            system.executeTransactionally(
                    "ALTER USER " + BUILTIN_USER + " SET PASSWORD $pw CHANGE NOT REQUIRED", Map.of("pw", password));
        } catch (QueryExecutionException e) {
            String msg = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
            if (!msg.contains("old password and new password cannot be the same")) {
                throw e;
            }
            // Already the configured password: just make sure no change is demanded.
            system.executeTransactionally("ALTER USER " + BUILTIN_USER + " SET PASSWORD CHANGE NOT REQUIRED");
        }
    }

    private static void waitForBolt(String host, int port, long timeoutMillis) throws IOException, InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        IOException last = null;
        while (System.currentTimeMillis() < deadline) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(host, port), 1000);
                return;
            } catch (IOException e) {
                last = e;
                Thread.sleep(100);
            }
        }
        throw new IOException("Bolt did not accept connections on " + host + ":" + port + " within "
                + timeoutMillis + " ms", last);
    }

    @SuppressWarnings("removal")
    private static void installExitZeroOnSignal(String name) {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal(name), sig -> System.exit(0));
        } catch (Throwable ignored) {
            // Signal not available here: the shutdown hook still stops Neo4j (JVM exits 128+signal).
        }
    }

    private static String connectHost(String host) {
        return switch (host) {
            case "0.0.0.0", "" -> "127.0.0.1";
            case "::", "[::]" -> "::1";
            default -> host;
        };
    }

    private static String formatHost(String host) {
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }

    /** Root cause first (the useful part), then the whole cause chain. */
    static String describe(Throwable t) {
        Throwable root = t;
        for (int i = 0; i < 16 && root.getCause() != null && root.getCause() != root; i++) {
            root = root.getCause();
        }
        String rootText = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return root == t ? chain(t) : rootText + "\n" + PREFIX + "  details: " + chain(t);
    }

    private static String chain(Throwable t) {
        List<String> parts = new ArrayList<>();
        for (Throwable c = t; c != null && parts.size() < 8; c = c.getCause()) {
            String m = c.getClass().getSimpleName() + (c.getMessage() == null ? "" : ": " + c.getMessage());
            if (parts.isEmpty() || !parts.get(parts.size() - 1).equals(m)) {
                parts.add(m);
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return String.join(" <- caused by ", parts);
    }

    // ---------------------------------------------------------------- argument parsing

    static final class HelpRequested extends UsageException {
        HelpRequested() {
            super("help");
        }
    }

    static Config parse(String[] args, Map<String, String> env) throws UsageException {
        Map<String, String> flags = new LinkedHashMap<>();
        List<String> known = List.of("--data-dir", "--bolt-port", "--bolt-host", "--user", "--password",
                "--pagecache", "--tx-log-retention");
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--help") || a.equals("-h")) {
                throw new HelpRequested();
            }
            String name = a;
            String value = null;
            int eq = a.indexOf('=');
            if (a.startsWith("--") && eq > 0) {
                name = a.substring(0, eq);
                value = a.substring(eq + 1);
            }
            if (!known.contains(name)) {
                throw new UsageException("unknown argument '" + a + "'");
            }
            if (value == null) {
                if (i + 1 >= args.length) {
                    throw new UsageException(name + " needs a value");
                }
                value = args[++i];
            }
            flags.put(name, value);
        }

        String dataDir = pick(flags.get("--data-dir"), env.get("NEO4J_DATA_DIR"));
        if (dataDir == null) {
            throw new UsageException("--data-dir (or env NEO4J_DATA_DIR) is required");
        }
        String password = pick(flags.get("--password"), env.get("NEO4J_PASSWORD"));
        if (password == null) {
            throw new UsageException("--password (or env NEO4J_PASSWORD) is required");
        }
        if (password.length() < MIN_PASSWORD_LENGTH) {
            throw new UsageException("password must be at least " + MIN_PASSWORD_LENGTH + " characters");
        }
        String user = pick(flags.get("--user"), null);
        if (user == null) {
            user = BUILTIN_USER;
        }
        if (!user.equals(BUILTIN_USER)) {
            throw new UsageException("--user must be '" + BUILTIN_USER + "': Neo4j Community has no roles, so the"
                    + " launcher only manages the built-in admin user (got '" + user + "')");
        }
        String portText = pick(flags.get("--bolt-port"), env.get("NEO4J_BOLT_PORT"));
        int port = 7687;
        if (portText != null) {
            try {
                port = Integer.parseInt(portText.trim());
            } catch (NumberFormatException e) {
                throw new UsageException("--bolt-port must be a number, got '" + portText + "'");
            }
            if (port < 1 || port > 65535) {
                throw new UsageException("--bolt-port must be in 1..65535, got " + port);
            }
        }
        String host = pick(flags.get("--bolt-host"), null);
        if (host == null) {
            host = "127.0.0.1";
        }
        String pageCacheText = pick(flags.get("--pagecache"), null);
        long pageCache = parseSize(pageCacheText == null ? "128m" : pageCacheText);
        String retention = pick(flags.get("--tx-log-retention"), null);
        if (retention == null) {
            retention = "1 days 64M";
        }
        return new Config(Path.of(dataDir).toAbsolutePath().normalize(), host, port, user, password, pageCache,
                retention);
    }

    private static String pick(String flag, String env) {
        if (flag != null && !flag.isBlank()) {
            return flag;
        }
        if (env != null && !env.isBlank()) {
            return env;
        }
        return null;
    }

    static long parseSize(String text) throws UsageException {
        String t = text.trim().toLowerCase(Locale.ROOT);
        long mult = 1;
        if (t.endsWith("b")) {
            t = t.substring(0, t.length() - 1);
        }
        if (t.endsWith("k")) {
            mult = 1L << 10;
        } else if (t.endsWith("m")) {
            mult = 1L << 20;
        } else if (t.endsWith("g")) {
            mult = 1L << 30;
        }
        if (mult != 1) {
            t = t.substring(0, t.length() - 1);
        }
        try {
            long v = Long.parseLong(t.trim()) * mult;
            if (v < (8L << 20)) {
                throw new UsageException("--pagecache must be at least 8m, got '" + text + "'");
            }
            return v;
        } catch (NumberFormatException e) {
            throw new UsageException("--pagecache must look like 128m or 1g, got '" + text + "'");
        }
    }
}
