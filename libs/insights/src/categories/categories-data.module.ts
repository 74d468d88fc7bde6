import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { CategoriesRepository } from './categories.repository';
import { CategoryEntity, CategorySchema } from './category.schema';
import { DefaultCategoriesSeeder } from './default-categories.seeder';

/** Categories persistence and the default-categories seeder (needs MongoConnectionModule in the app). */
@Module({
  imports: [MongooseModule.forFeature([{ name: CategoryEntity.name, schema: CategorySchema }])],
  providers: [CategoriesRepository, DefaultCategoriesSeeder],
  exports: [CategoriesRepository, DefaultCategoriesSeeder],
})
export class CategoriesDataModule {}
