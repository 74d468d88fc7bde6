import { Routes } from '@angular/router';

export const appRoutes = [
  {
    path: '',
    title: 'Service status',
    loadComponent: () => import('./status/status-page').then((m) => m.StatusPage),
  },
  {
    path: '**',
    title: 'Page not found',
    loadComponent: () => import('./not-found/not-found-page').then((m) => m.NotFoundPage),
  },
] satisfies Routes;
