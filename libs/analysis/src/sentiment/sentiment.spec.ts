import { analyseSentiment } from './sentiment';

describe('analyseSentiment', () => {
  it.each([
    ['en', 'This release is great, the new cache works beautifully and I love it.', 1],
    ['en', 'The migration was a disaster: slow, broken and frustrating.', -1],
    ['pt', 'Adorei o resultado, ficou excelente e a equipe ficou feliz.', 1],
    ['pt', 'Foi horrível, perdemos dados e o erro voltou.', -1],
  ])('gives %s text the right sign: %s', (language, text, sign) => {
    const result = analyseSentiment(text, language);
    expect(Math.sign(result?.score ?? 0)).toBe(sign);
  });

  it('flips a negated word', () => {
    const english = analyseSentiment('The fix is not good.', 'en');
    expect(english?.score).toBeLessThan(0);
    const portuguese = analyseSentiment('Não gostei da solução.', 'pt');
    expect(portuguese?.score).toBeLessThan(analyseSentiment('Gostei da solução.', 'pt')?.score ?? 0);
  });

  it('matches Portuguese words with or without accents', () => {
    expect(analyseSentiment('ótimo', 'pt')?.score).toBeGreaterThan(0);
    expect(analyseSentiment('otimo', 'pt')?.score).toBe(analyseSentiment('ótimo', 'pt')?.score);
  });

  it('stays within −1..1 however long the text', () => {
    const score = analyseSentiment('great '.repeat(500), 'en')?.score ?? 0;
    expect(score).toBeGreaterThan(0.99);
    expect(score).toBeLessThanOrEqual(1);
  });

  it('is neutral for text without sentiment words and names the words that decided it', () => {
    expect(analyseSentiment('The index covers owner and date.', 'en')?.score).toBe(0);
    expect(analyseSentiment('A solução ficou ótima, mas o deploy foi horrível.', 'pt')).toMatchObject({
      positive: expect.arrayContaining(['ótima']),
      negative: expect.arrayContaining(['horrível']),
    });
  });

  it('has no opinion for languages without a lexicon', () => {
    expect(analyseSentiment('Das ist sehr gut.', 'de')).toBeNull();
    expect(analyseSentiment('ok', 'und')).toBeNull();
  });
});
