import { Module } from '@nestjs/common';
import { AuthModule } from '@insight/auth';
import { TokensController } from './tokens.controller';

@Module({ imports: [AuthModule], controllers: [TokensController] })
export class TokensApiModule {}
