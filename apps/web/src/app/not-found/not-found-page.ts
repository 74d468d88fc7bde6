import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatAnchor } from '@angular/material/button';
import { Router, RouterLink } from '@angular/router';

@Component({
  selector: 'app-not-found-page',
  imports: [MatAnchor, RouterLink],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="not-found" aria-labelledby="not-found-heading">
      <h1 id="not-found-heading">Page not found</h1>
      <p>
        There is no page at <code>{{ path }}</code>. The link may be out of date, or the address mistyped.
      </p>
      <a mat-flat-button routerLink="/">Go to the timeline</a>
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
