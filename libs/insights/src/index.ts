export * from './database/mongo-connection.module';
