import { ENGLISH_CACHING_NOTE, PORTUGUESE_INDEX_NOTE } from '../testing/samples';
import { stripMarkdown } from '../text/markdown';
import { detectLanguage } from './detect-language';

describe('detectLanguage', () => {
  it('detects the Portuguese and English sample notes', () => {
    expect(detectLanguage(stripMarkdown(PORTUGUESE_INDEX_NOTE.content))).toBe('pt');
    expect(detectLanguage(stripMarkdown(ENGLISH_CACHING_NOTE.content))).toBe('en');
  });

  it.each([
    ['Hoje descobri que o índice composto resolve a consulta lenta', 'pt'],
    ['O React renderiza de novo quando o estado muda', 'pt'],
    ['Nota rápida sobre testes', 'pt'],
    ['Refactoring the auth module', 'en'],
    // Jargon makes the n-gram model answer Czech here; English function words settle it.
    ['TIL: the event loop blocks when JSON.parse gets a huge payload', 'en'],
  ])('reads short notes: %s', (text, language) => {
    expect(detectLanguage(text)).toBe(language);
  });

  it.each([
    [
      'es',
      'Hoy descubrí por qué la consulta del listado era tan lenta: faltaba un índice compuesto. La consulta filtraba por el dueño y ordenaba por la fecha de creación. Sin un índice que cubriera los dos campos, la base de datos leía la colección entera y ordenaba todo en memoria en cada petición.',
    ],
    [
      'it',
      'Oggi ho scoperto perché la query della lista era così lenta: mancava un indice composto. La query filtrava per proprietario e ordinava per data di creazione. Senza un indice che coprisse i due campi, il database leggeva tutta la collezione e ordinava tutto in memoria a ogni richiesta.',
    ],
    [
      'nl',
      'Vandaag ontdekte ik waarom de query van de lijst zo traag was: er ontbrak een samengestelde index. De query filterde op eigenaar en sorteerde op aanmaakdatum. Zonder een index die beide velden dekte, las de database de hele collectie en sorteerde alles in het geheugen bij elk verzoek.',
    ],
  ])('does not take a %s paragraph for Portuguese or English', (language, text) => {
    expect(detectLanguage(text)).toBe(language);
  });

  it('reports other languages by their code', () => {
    expect(detectLanguage('Ceci est une phrase en français pour tester la détection de la langue.')).toBe(
      'fr',
    );
    expect(detectLanguage('Der schnelle braune Fuchs springt über den faulen Hund.')).toBe('de');
  });

  it('answers und for text too short to tell', () => {
    expect(detectLanguage('Bug no login')).toBe('und');
    expect(detectLanguage('')).toBe('und');
    expect(detectLanguage('```\n42\n```')).toBe('und');
  });
});
