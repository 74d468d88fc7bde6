import { Routes } from '@angular/router';
import { signedInGuard, signedOutGuard } from './core/auth/auth.guards';

export const appRoutes = [
  {
    path: 'sign-in',
    title: 'Sign in',
    canActivate: [signedOutGuard],
    loadComponent: () => import('./auth/sign-in-page').then((m) => m.SignInPage),
  },
  {
    path: 'register',
    title: 'Create an account',
    canActivate: [signedOutGuard],
    loadComponent: () => import('./auth/register-page').then((m) => m.RegisterPage),
  },
  {
    path: 'status',
    title: 'Service status',
    loadComponent: () => import('./status/status-page').then((m) => m.StatusPage),
  },
  {
    path: '',
    canActivate: [signedInGuard],
    children: [
      {
        path: '',
        pathMatch: 'full',
        title: 'Timeline',
        loadComponent: () => import('./timeline/timeline-page').then((m) => m.TimelinePage),
      },
      {
        path: 'insights/:id',
        title: 'Insight',
        loadComponent: () => import('./insight/insight-page').then((m) => m.InsightPage),
      },
      {
        path: 'search',
        title: 'Search',
        loadComponent: () => import('./search/search-page').then((m) => m.SearchPage),
      },
      {
        path: 'graph',
        title: 'Graph explorer',
        loadComponent: () => import('./graph/graph-page').then((m) => m.GraphPage),
      },
      {
        path: 'organise',
        title: 'Organise',
        loadComponent: () => import('./organise/organise-page').then((m) => m.OrganisePage),
      },
      {
        path: 'settings',
        title: 'Settings',
        loadComponent: () => import('./settings/settings-page').then((m) => m.SettingsPage),
      },
      {
        path: '**',
        title: 'Page not found',
        loadComponent: () => import('./not-found/not-found-page').then((m) => m.NotFoundPage),
      },
    ],
  },
] satisfies Routes;
