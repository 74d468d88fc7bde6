import type { CreateCategoryRequest } from '@insight/contracts';

/** The categories every new account starts with. */
export const DEFAULT_CATEGORIES: readonly CreateCategoryRequest[] = [
  { name: 'Work', colour: '#2563eb', icon: 'work' },
  { name: 'Personal', colour: '#16a34a', icon: 'person' },
  { name: 'Ideas', colour: '#f59e0b', icon: 'lightbulb' },
  { name: 'Tasks', colour: '#9333ea', icon: 'task_alt' },
];
