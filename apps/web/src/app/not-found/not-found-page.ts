import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatAnchor } from '@angular/material/button';
import { Router, RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';

@Component({
  selector: 'app-not-found-page',
  imports: [MatAnchor, RouterLink, TranslocoPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="not-found" aria-labelledby="not-found-heading">
      <h1 id="not-found-heading">{{ 'notFound.heading' | transloco }}</h1>
      <p>
        {{ 'notFound.before' | transloco }} <code>{{ path }}</code>{{ 'notFound.after' | transloco }}
      </p>
      <a mat-flat-button routerLink="/">{{ 'notFound.home' | transloco }}</a>
    </section>
  `,
  styles: `
    h1 {
      margin: 0 0 8px;
      font: var(--mat-sys-headline-medium);
    }

    p {
      margin: 0 0 24px;
      overflow-wrap: anywhere;
    }
  `,
})
export class NotFoundPage {
  protected readonly path = inject(Router).url;
}
