import {
  HttpErrorResponse,
  HttpHandlerFn,
  HttpInterceptorFn,
  HttpRequest,
  HttpStatusCode,
} from '@angular/common/http';
import { inject } from '@angular/core';
import { catchError, from, switchMap, throwError } from 'rxjs';
import { API } from '../api';
import { AUTH_PATHS, AuthStore } from './auth.store';

function withToken(request: HttpRequest<unknown>, token: string | null): HttpRequest<unknown> {
  return token ? request.clone({ setHeaders: { Authorization: `Bearer ${token}` } }) : request;
}

/**
 * Adds the access token to API calls. A token about to expire is refreshed first; a 401 is
 * answered by one refresh (shared by all concurrent calls) and one retry. When the refresh is
 * refused the sign-in is over: the user goes to sign in and comes back afterwards.
 */
export const authInterceptor: HttpInterceptorFn = (request: HttpRequest<unknown>, next: HttpHandlerFn) => {
  if (!request.url.startsWith(`${API}/`) || AUTH_PATHS.some((path) => request.url.startsWith(path))) {
    return next(request);
  }
  const auth = inject(AuthStore);
  const token$ = auth.tokenExpiring() ? from(auth.refresh()) : from(Promise.resolve(auth.accessToken()));

  return token$.pipe(
    switchMap((token) => next(withToken(request, token))),
    catchError((error: unknown) => {
      if (!(error instanceof HttpErrorResponse) || error.status !== HttpStatusCode.Unauthorized) {
        return throwError(() => error);
      }
      return from(auth.refresh()).pipe(
        switchMap((token) => {
          if (!token) {
            void auth.expire();
            return throwError(() => error);
          }
          return next(withToken(request, token));
        }),
      );
    }),
  );
};
