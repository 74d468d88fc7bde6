import { Logger, Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import mongoose, { type ConnectOptions, type Connection } from 'mongoose';
import { APP_CONFIG, type AppConfig } from '@insight/platform';
import { MonitorWatchdog } from './monitor-watchdog';

// Filters built from user input can never carry query operators ($where, {$gt: ''}),
// and unknown paths in filters are dropped rather than queried.
mongoose.set('sanitizeFilter', true);
mongoose.set('strictQuery', true);
// A request while MongoDB is away fails fast (503) instead of waiting 10 s in a buffer.
mongoose.set('bufferTimeoutMS', 2000);

const RECONNECT_DELAY_MS = 5000;
/** The driver's default, stated because the monitor watchdog counts in these periods. */
const HEARTBEAT_FREQUENCY_MS = 10_000;
const logger = new Logger('MongoDB');

/**
 * The driver reconnects on its own once connected, but not after a failed first connect:
 * keep trying, so the process comes up while MongoDB is away and becomes ready without
 * a restart when it returns.
 */
function keepConnecting(connection: Connection, uri: string, options: ConnectOptions): void {
  connection.asPromise().then(
    () => logger.log('connected'),
    (error: Error) => {
      logger.warn(`not reachable yet (${error.message}); retrying in ${RECONNECT_DELAY_MS / 1000} s`);
      setTimeout(() => {
        connection.openUri(uri, options).catch(() => undefined); // reported by the next asPromise()
        keepConnecting(connection, uri, options);
      }, RECONNECT_DELAY_MS).unref();
    },
  );
}

/** The app's MongoDB connection (source of truth). Starts even while MongoDB is down. */
@Module({
  imports: [
    MongooseModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => {
        const options: ConnectOptions = {
          serverSelectionTimeoutMS: 5000,
          connectTimeoutMS: 5000,
          heartbeatFrequencyMS: HEARTBEAT_FREQUENCY_MS,
          maxPoolSize: 50,
          autoIndex: true,
        };
        return {
          uri: config.MONGODB_URI,
          ...options,
          lazyConnection: true,
          connectionFactory: (connection: Connection) => {
            keepConnecting(connection, config.MONGODB_URI, options);
            // Each loss and return in the log: a process that never logs its return after an
            // outage is one whose driver stopped monitoring the server.
            connection.on('disconnected', () =>
              logger.warn('lost the connection; the driver is reconnecting'),
            );
            connection.on('reconnected', () => logger.log('reconnected'));
            const watchdog = new MonitorWatchdog(connection, HEARTBEAT_FREQUENCY_MS);
            connection.on('open', () => watchdog.start());
            connection.on('close', () => watchdog.stop());
            return connection;
          },
        };
      },
    }),
  ],
})
export class MongoConnectionModule {}
