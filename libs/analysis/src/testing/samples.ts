// Sample notes written for these tests: one English and one Portuguese, long enough for a summary.

export const ENGLISH_CACHING_NOTE = {
  title: 'Caching the insight list',
  content: `# Caching the insight list

The list endpoint was slow because every request read and sorted the whole collection.

We put a Redis cache in front of the list query. Caching cut the p99 latency from 180 ms to 12 ms, and the cache hit ratio stays above 90% during the day.

The tricky part was invalidation. Every write must evict the cached pages of that owner, otherwise people see stale lists after an edit. We key each cached page by owner and list version, so a write only bumps the version and old pages expire on their own.

- A TTL of 60 seconds is the safety net when an eviction is lost
- Writes bump the version before they answer

\`\`\`ts
await redis.incr(\`list-version:\${ownerId}\`);
\`\`\`

See [the Redis documentation](https://redis.io/docs/latest/develop/) for the eviction policies we compared. Memory stays flat because the cached pages are small and short-lived.

Next time I would measure the hit ratio per owner before adding a cache at all, since owners with few insights gain nothing from it. Still, this was a great improvement and I love how simple the final design turned out.`,
};

export const PORTUGUESE_INDEX_NOTE = {
  title: 'Índices compostos no MongoDB',
  content: `# Índices compostos no MongoDB

Hoje descobri por que a consulta da listagem estava tão lenta: faltava um índice composto.

A consulta filtrava pelo dono e ordenava pela data de criação. Sem um índice que cobrisse os dois campos, o banco lia a coleção inteira e ordenava tudo em memória a cada requisição.

Criei o índice composto com o dono primeiro e a data depois, e a latência da consulta caiu de dois segundos para poucos milissegundos. A ordem dos campos no índice composto importa muito: primeiro os campos de igualdade, depois os de ordenação, por último os de intervalo.

Também percebi que índices demais deixam as escritas mais lentas, então removi dois índices que nenhuma consulta usava. O explain mostrou que a consulta passou a usar só o índice novo.

Fiquei muito feliz com o resultado, a melhoria foi ótima e a solução ficou simples.`,
};
