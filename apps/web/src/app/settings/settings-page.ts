import { HttpClient } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatError, MatFormField, MatHint, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { MatRadioButton, MatRadioGroup } from '@angular/material/radio';
import { TranslocoPipe } from '@jsverse/transloco';
import type {
  AuthSession,
  CreatedPersonalAccessToken,
  PersonalAccessToken,
  UserProfile,
} from '@insight/contracts';
import { firstValueFrom } from 'rxjs';
import { API } from '../core/api';
import { AuthStore } from '../core/auth/auth.store';
import { applyProblem, describeError } from '../core/problems';
import { PASSWORD_MIN_LENGTH } from '../auth/register-page';
import { type ThemePreference, ThemeService } from '../theme/theme.service';
import { LANGUAGES, LanguageService } from '../i18n/i18n';
import { DataTransfers } from './data-transfers';
import { LocalDatePipe, RelativeTimePipe } from '../i18n/dates';

@Component({
  selector: 'app-settings-page',
  imports: [
    LocalDatePipe,
    RelativeTimePipe,
    DataTransfers,
    MatButton,
    MatError,
    MatFormField,
    MatHint,
    MatInput,
    MatLabel,
    MatRadioButton,
    MatRadioGroup,
    ReactiveFormsModule,
    TranslocoPipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './settings-page.html',
  styleUrl: './settings-page.scss',
})
export class SettingsPage {
  private readonly http = inject(HttpClient);
  private readonly auth = inject(AuthStore);
  private readonly fb = inject(NonNullableFormBuilder);
  protected readonly theme = inject(ThemeService);
  protected readonly language = inject(LanguageService);
  protected readonly languages = LANGUAGES;
  protected readonly minLength = PASSWORD_MIN_LENGTH;

  protected readonly profile = this.fb.group({
    displayName: [this.auth.user()?.displayName ?? '', [Validators.required, Validators.maxLength(100)]],
  });
  protected readonly profileMessage = signal<{ ok: boolean; text: string } | null>(null);

  protected readonly password = this.fb.group({
    currentPassword: ['', Validators.required],
    newPassword: ['', [Validators.required, Validators.minLength(PASSWORD_MIN_LENGTH)]],
  });
  protected readonly passwordMessage = signal<{ ok: boolean; text: string } | null>(null);

  protected readonly tokens = signal<PersonalAccessToken[] | null>(null);
  protected readonly tokensError = signal<string | null>(null);
  protected readonly newToken = this.fb.group({
    name: ['', [Validators.required, Validators.maxLength(100)]],
  });
  protected readonly created = signal<CreatedPersonalAccessToken | null>(null);
  protected readonly busy = signal(false);

  constructor() {
    this.loadTokens();
  }

  protected setTheme(preference: ThemePreference): void {
    this.theme.setPreference(preference);
  }

  protected async saveProfile(): Promise<void> {
    this.profile.markAllAsTouched();
    if (this.profile.invalid) return;
    await this.guard(async () => {
      try {
        const user = await firstValueFrom(
          this.http.patch<UserProfile>(`${API}/users/me`, this.profile.getRawValue()),
        );
        this.auth.updateUser(user);
        this.profileMessage.set({ ok: true, text: this.language.t('settings.profileSaved') });
      } catch (error) {
        const text = applyProblem(this.profile, error, this.language.t('settings.notSaved'));
        this.profileMessage.set(text ? { ok: false, text } : null);
      }
    });
  }

  protected async changePassword(): Promise<void> {
    this.password.markAllAsTouched();
    if (this.password.invalid) return;
    await this.guard(async () => {
      try {
        const session = await firstValueFrom(
          this.http.post<AuthSession>(`${API}/users/me/password`, this.password.getRawValue()),
        );
        this.auth.adopt(session);
        this.password.reset();
        this.passwordMessage.set({ ok: true, text: this.language.t('settings.passwordChanged') });
      } catch (error) {
        const text = applyProblem(this.password, error, this.language.t('settings.passwordNotChanged'));
        this.passwordMessage.set(text ? { ok: false, text } : null);
      }
    });
  }

  protected loadTokens(): void {
    this.http.get<PersonalAccessToken[]>(`${API}/tokens`).subscribe({
      next: (tokens) => this.tokens.set(tokens),
      error: (error: unknown) =>
        this.tokensError.set(describeError(error, this.language.t('settings.tokensLoadFailed'))),
    });
  }

  protected async createToken(): Promise<void> {
    this.newToken.markAllAsTouched();
    if (this.newToken.invalid) return;
    await this.guard(async () => {
      try {
        const token = await firstValueFrom(
          this.http.post<CreatedPersonalAccessToken>(`${API}/tokens`, this.newToken.getRawValue()),
        );
        this.created.set(token);
        this.newToken.reset();
        this.tokensError.set(null);
        this.loadTokens();
      } catch (error) {
        this.tokensError.set(applyProblem(this.newToken, error, this.language.t('settings.tokenNotCreated')));
      }
    });
  }

  protected async revoke(token: PersonalAccessToken): Promise<void> {
    await this.guard(async () => {
      try {
        await firstValueFrom(this.http.delete<void>(`${API}/tokens/${encodeURIComponent(token.id)}`));
        if (this.created()?.id === token.id) this.created.set(null);
        this.loadTokens();
      } catch (error) {
        this.tokensError.set(describeError(error, this.language.t('settings.revokeFailed')));
      }
    });
  }

  private async guard(action: () => Promise<void>): Promise<void> {
    if (this.busy()) return;
    this.busy.set(true);
    try {
      await action();
    } finally {
      this.busy.set(false);
    }
  }
}
