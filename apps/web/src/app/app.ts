import { ChangeDetectionStrategy, Component, ElementRef, viewChild } from '@angular/core';
import { MatToolbar } from '@angular/material/toolbar';
import { RouterLink, RouterOutlet } from '@angular/router';
import { PRODUCT_NAME } from './shell/page-title.strategy';
import { ThemeToggle } from './theme/theme-toggle';

@Component({
  selector: 'app-root',
  imports: [MatToolbar, RouterLink, RouterOutlet, ThemeToggle],
  templateUrl: './app.html',
  styleUrl: './app.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class App {
  protected readonly productName = PRODUCT_NAME;
  private readonly main = viewChild.required<ElementRef<HTMLElement>>('main');

  // A plain `#main` link would resolve against <base href> and reload other routes; move focus instead.
  protected skipToMain(event: Event): void {
    event.preventDefault();
    this.main().nativeElement.focus();
  }
}
