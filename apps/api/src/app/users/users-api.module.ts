import { Module } from '@nestjs/common';
import { AuthModule } from '@insight/auth';
import { AuthApiModule } from '../auth/auth-api.module';
import { UsersController } from './users.controller';

@Module({ imports: [AuthModule, AuthApiModule], controllers: [UsersController] })
export class UsersApiModule {}
