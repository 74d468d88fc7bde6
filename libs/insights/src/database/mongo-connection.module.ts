import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import mongoose from 'mongoose';
import { APP_CONFIG, type AppConfig } from '@insight/platform';

// Filters built from user input can never carry query operators ($where, {$gt: ''}),
// and unknown paths in filters are dropped rather than queried.
mongoose.set('sanitizeFilter', true);
mongoose.set('strictQuery', true);

/** The app's MongoDB connection (source of truth). Starts even while MongoDB is down. */
@Module({
  imports: [
    MongooseModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        uri: config.MONGODB_URI,
        serverSelectionTimeoutMS: 5000,
        connectTimeoutMS: 5000,
        maxPoolSize: 50,
        autoIndex: true,
        // The process comes up and reports not-ready instead of crashing when MongoDB is away.
        lazyConnection: true,
      }),
    }),
  ],
})
export class MongoConnectionModule {}
