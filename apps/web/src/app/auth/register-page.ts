import { ChangeDetectionStrategy, Component, inject, input, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatError, MatFormField, MatHint, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { Router, RouterLink } from '@angular/router';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import { AuthStore, safeReturnUrl } from '../core/auth/auth.store';
import { applyProblem } from '../core/problems';

export const PASSWORD_MIN_LENGTH = 10;

@Component({
  selector: 'app-register-page',
  imports: [
    MatButton,
    MatError,
    MatFormField,
    MatHint,
    MatInput,
    MatLabel,
    ReactiveFormsModule,
    RouterLink,
    TranslocoPipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: './auth-pages.scss',
  template: `
    <section class="auth-card" aria-labelledby="register-heading">
      <h1 id="register-heading">{{ 'auth.registerHeading' | transloco }}</h1>
      <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
        <mat-form-field>
          <mat-label>{{ 'auth.yourName' | transloco }}</mat-label>
          <input matInput formControlName="displayName" autocomplete="name" required />
          @if (form.controls.displayName.hasError('server')) {
            <mat-error>{{ form.controls.displayName.getError('server') }}</mat-error>
          } @else {
            <mat-error>{{ 'auth.enterName' | transloco }}</mat-error>
          }
        </mat-form-field>
        <mat-form-field>
          <mat-label>{{ 'auth.email' | transloco }}</mat-label>
          <input matInput type="email" formControlName="email" autocomplete="username" required />
          @if (form.controls.email.hasError('server')) {
            <mat-error>{{ form.controls.email.getError('server') }}</mat-error>
          } @else {
            <mat-error>{{ 'auth.enterValidEmail' | transloco }}</mat-error>
          }
        </mat-form-field>
        <mat-form-field>
          <mat-label>{{ 'auth.password' | transloco }}</mat-label>
          <input matInput type="password" formControlName="password" autocomplete="new-password" required />
          <mat-hint>{{ 'auth.atLeast' | transloco: { min: minLength } }}</mat-hint>
          @if (form.controls.password.hasError('server')) {
            <mat-error>{{ form.controls.password.getError('server') }}</mat-error>
          } @else {
            <mat-error>{{ 'auth.useAtLeast' | transloco: { min: minLength } }}</mat-error>
          }
        </mat-form-field>
        @if (error()) {
          <p class="error-message" role="alert">{{ error() }}</p>
        }
        <button mat-flat-button type="submit" [disabled]="busy()">
          {{ (busy() ? 'auth.creating' : 'auth.createAccount') | transloco }}
        </button>
      </form>
      <p>
        {{ 'auth.haveAccount' | transloco }}
        <a routerLink="/sign-in" [queryParams]="returnUrl() ? { returnUrl: returnUrl() } : {}">{{
          'auth.signIn' | transloco
        }}</a>
      </p>
    </section>
  `,
})
export class RegisterPage {
  private readonly auth = inject(AuthStore);
  private readonly router = inject(Router);
  private readonly transloco = inject(TranslocoService);
  protected readonly minLength = PASSWORD_MIN_LENGTH;
  protected readonly returnUrl = input<string | undefined>();
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly form = inject(NonNullableFormBuilder).group({
    displayName: ['', [Validators.required, Validators.maxLength(100)]],
    email: ['', [Validators.required, Validators.email]],
    password: ['', [Validators.required, Validators.minLength(PASSWORD_MIN_LENGTH)]],
  });

  protected async submit(): Promise<void> {
    this.form.markAllAsTouched();
    if (this.form.invalid || this.busy()) return;
    this.busy.set(true);
    this.error.set(null);
    try {
      await this.auth.register(this.form.getRawValue());
      await this.router.navigateByUrl(safeReturnUrl(this.returnUrl()));
    } catch (error) {
      this.error.set(applyProblem(this.form, error, this.transloco.translate('auth.registerFailed')));
    } finally {
      this.busy.set(false);
    }
  }
}
