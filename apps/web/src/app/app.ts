import { ChangeDetectionStrategy, Component, ElementRef, inject, viewChild } from '@angular/core';
import { MatButton, MatIconButton } from '@angular/material/button';
import { MatIcon } from '@angular/material/icon';
import { MatMenu, MatMenuItem, MatMenuTrigger } from '@angular/material/menu';
import { MatToolbar } from '@angular/material/toolbar';
import { RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { CaptureLauncher } from './capture/capture-launcher';
import { AuthStore } from './core/auth/auth.store';
import { LiveEvents } from './core/live-events';
import { PRODUCT_NAME } from './shell/page-title.strategy';
import { ThemeToggle } from './theme/theme-toggle';

/** Where the signed-in navigate; the toolbar shows them on wide screens, a menu on narrow ones. */
export const NAV_LINKS = [
  { path: '/', label: 'nav.timeline', icon: 'view_agenda', exact: true },
  { path: '/search', label: 'nav.search', icon: 'search', exact: false },
  { path: '/graph', label: 'nav.graph', icon: 'hub', exact: false },
  { path: '/review', label: 'nav.review', icon: 'event_repeat', exact: false },
  { path: '/dashboard', label: 'nav.dashboard', icon: 'insights', exact: false },
  { path: '/organise', label: 'nav.organise', icon: 'label', exact: false },
] as const;

@Component({
  selector: 'app-root',
  imports: [
    MatButton,
    MatIcon,
    MatIconButton,
    MatMenu,
    MatMenuItem,
    MatMenuTrigger,
    MatToolbar,
    RouterLink,
    RouterLinkActive,
    RouterOutlet,
    ThemeToggle,
    TranslocoPipe,
  ],
  templateUrl: './app.html',
  styleUrl: './app.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { '(document:keydown)': 'onKeydown($event)' },
})
export class App {
  protected readonly productName = PRODUCT_NAME;
  protected readonly links = NAV_LINKS;
  protected readonly auth = inject(AuthStore);
  private readonly capture = inject(CaptureLauncher);
  // Created with the shell, so the stream follows the sign-in on every page.
  protected readonly live = inject(LiveEvents);
  private readonly main = viewChild.required<ElementRef<HTMLElement>>('main');

  // A plain `#main` link would resolve against <base href> and reload other routes; move focus instead.
  protected skipToMain(event: Event): void {
    event.preventDefault();
    this.main().nativeElement.focus();
  }

  protected openCapture(): void {
    void this.capture.open();
  }

  protected signOut(): void {
    void this.auth.logout();
  }

  /** Alt+N captures from anywhere (a modifier, so typing never triggers it). */
  protected onKeydown(event: KeyboardEvent): void {
    if (event.altKey && !event.ctrlKey && !event.metaKey && event.code === 'KeyN' && this.auth.signedIn()) {
      event.preventDefault();
      this.openCapture();
    }
  }
}
