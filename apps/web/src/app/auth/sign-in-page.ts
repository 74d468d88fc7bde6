import { ChangeDetectionStrategy, Component, inject, input, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatError, MatFormField, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { Router, RouterLink } from '@angular/router';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import { AuthStore, safeReturnUrl } from '../core/auth/auth.store';
import { applyProblem } from '../core/problems';

@Component({
  selector: 'app-sign-in-page',
  imports: [
    MatButton,
    MatError,
    MatFormField,
    MatInput,
    MatLabel,
    ReactiveFormsModule,
    RouterLink,
    TranslocoPipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: './auth-pages.scss',
  template: `
    <section class="auth-card" aria-labelledby="sign-in-heading">
      <h1 id="sign-in-heading">{{ 'auth.signIn' | transloco }}</h1>
      @if (returnUrl()) {
        <p>{{ 'auth.continue' | transloco }}</p>
      }
      <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
        <mat-form-field>
          <mat-label>{{ 'auth.email' | transloco }}</mat-label>
          <input matInput type="email" formControlName="email" autocomplete="username" required />
          @if (form.controls.email.hasError('server')) {
            <mat-error>{{ form.controls.email.getError('server') }}</mat-error>
          } @else {
            <mat-error>{{ 'auth.enterEmail' | transloco }}</mat-error>
          }
        </mat-form-field>
        <mat-form-field>
          <mat-label>{{ 'auth.password' | transloco }}</mat-label>
          <input
            matInput
            type="password"
            formControlName="password"
            autocomplete="current-password"
            required
          />
          @if (form.controls.password.hasError('server')) {
            <mat-error>{{ form.controls.password.getError('server') }}</mat-error>
          } @else {
            <mat-error>{{ 'auth.enterPassword' | transloco }}</mat-error>
          }
        </mat-form-field>
        @if (error()) {
          <p class="error-message" role="alert">{{ error() }}</p>
        }
        <button mat-flat-button type="submit" [disabled]="busy()">
          {{ (busy() ? 'auth.signingIn' : 'auth.signIn') | transloco }}
        </button>
      </form>
      <p>
        {{ 'auth.newHere' | transloco }}
        <a routerLink="/register" [queryParams]="returnUrl() ? { returnUrl: returnUrl() } : {}">{{
          'auth.createAccountLink' | transloco
        }}</a>
      </p>
    </section>
  `,
})
export class SignInPage {
  private readonly auth = inject(AuthStore);
  private readonly router = inject(Router);
  private readonly transloco = inject(TranslocoService);
  protected readonly returnUrl = input<string | undefined>();
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly form = inject(NonNullableFormBuilder).group({
    email: ['', [Validators.required, Validators.email]],
    password: ['', Validators.required],
  });

  protected async submit(): Promise<void> {
    this.form.markAllAsTouched();
    if (this.form.invalid || this.busy()) return;
    this.busy.set(true);
    this.error.set(null);
    try {
      await this.auth.login(this.form.getRawValue());
      await this.router.navigateByUrl(safeReturnUrl(this.returnUrl()));
    } catch (error) {
      this.error.set(applyProblem(this.form, error, this.transloco.translate('auth.signInFailed')));
    } finally {
      this.busy.set(false);
    }
  }
}
