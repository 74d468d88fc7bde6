import { Routes } from '@angular/router';
import { signedInGuard, signedOutGuard } from './core/auth/auth.guards';

export const appRoutes = [
  {
    path: 'sign-in',
    title: 'titles.signIn',
    canActivate: [signedOutGuard],
    loadComponent: () => import('./auth/sign-in-page').then((m) => m.SignInPage),
  },
  {
    path: 'register',
    title: 'titles.register',
    canActivate: [signedOutGuard],
    loadComponent: () => import('./auth/register-page').then((m) => m.RegisterPage),
  },
  {
    path: 'status',
    title: 'titles.status',
    loadComponent: () => import('./status/status-page').then((m) => m.StatusPage),
  },
  {
    path: '',
    canActivate: [signedInGuard],
    children: [
      {
        path: '',
        pathMatch: 'full',
        title: 'titles.timeline',
        loadComponent: () => import('./timeline/timeline-page').then((m) => m.TimelinePage),
      },
      {
        path: 'insights/:id',
        title: 'titles.insight',
        loadComponent: () => import('./insight/insight-page').then((m) => m.InsightPage),
      },
      {
        path: 'search',
        title: 'titles.search',
        loadComponent: () => import('./search/search-page').then((m) => m.SearchPage),
      },
      {
        path: 'graph',
        title: 'titles.graph',
        loadComponent: () => import('./graph/graph-page').then((m) => m.GraphPage),
      },
      {
        path: 'review',
        title: 'titles.review',
        loadComponent: () => import('./review/review-page').then((m) => m.ReviewPage),
      },
      {
        path: 'dashboard',
        title: 'titles.dashboard',
        loadComponent: () => import('./dashboard/dashboard-page').then((m) => m.DashboardPage),
      },
      {
        path: 'organise',
        title: 'titles.organise',
        loadComponent: () => import('./organise/organise-page').then((m) => m.OrganisePage),
      },
      {
        path: 'settings',
        title: 'titles.settings',
        loadComponent: () => import('./settings/settings-page').then((m) => m.SettingsPage),
      },
      {
        path: '**',
        title: 'titles.notFound',
        loadComponent: () => import('./not-found/not-found-page').then((m) => m.NotFoundPage),
      },
    ],
  },
] satisfies Routes;
