import { DestroyRef, inject, Injectable } from '@angular/core';
import { Title } from '@angular/platform-browser';
import { RouterStateSnapshot, TitleStrategy } from '@angular/router';
import { TranslocoService } from '@jsverse/transloco';
import { BehaviorSubject, combineLatest, of, switchMap } from 'rxjs';

export const PRODUCT_NAME = 'Insight Tracker';

/**
 * Suffixes every route's `title` (a translation key) with the product name, so browser tabs and
 * history stay recognisable; the tab follows a language switch too.
 */
@Injectable()
export class PageTitleStrategy extends TitleStrategy {
  private readonly title = inject(Title);
  private readonly transloco = inject(TranslocoService);
  private readonly key = new BehaviorSubject<string | undefined>(undefined);

  constructor() {
    super();
    const sub = combineLatest([this.key, this.transloco.langChanges$])
      .pipe(
        switchMap(([key, lang]) => (key ? this.transloco.selectTranslate<string>(key, {}, lang) : of(''))),
      )
      .subscribe((pageTitle) =>
        this.title.setTitle(pageTitle ? `${pageTitle} · ${PRODUCT_NAME}` : PRODUCT_NAME),
      );
    inject(DestroyRef).onDestroy(() => sub.unsubscribe());
  }

  override updateTitle(snapshot: RouterStateSnapshot): void {
    this.key.next(this.buildTitle(snapshot));
  }
}
