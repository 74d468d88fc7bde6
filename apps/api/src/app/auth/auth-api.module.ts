import { Module } from '@nestjs/common';
import { AuthModule } from '@insight/auth';
import { AuthController } from './auth.controller';
import { RefreshCookie } from './refresh-cookie';

@Module({
  imports: [AuthModule],
  controllers: [AuthController],
  providers: [RefreshCookie],
  exports: [RefreshCookie],
})
export class AuthApiModule {}
