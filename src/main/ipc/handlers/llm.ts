import type { LlmService } from '../../llm/service';
import type { ChannelsOfDomain, Handlers } from '../types';

/** Thin adapters over LlmService; streamed chunks go out as `llm:chunk` events from the service. */
export function llmHandlers(services: { llm: LlmService }): Handlers<ChannelsOfDomain<'llm'>> {
  const { llm } = services;
  return {
    'llm:settings': () => llm.settings(),
    'llm:updateSettings': (req) => llm.updateSettings(req),
    'llm:models': (req) => llm.listModels(req),
    'llm:testProvider': (req) => llm.testProvider(req),
    'llm:analyze': (req) => llm.analyze(req),
    'llm:cancel': (req) => llm.cancel(req.requestId),
    'llm:stats': () => llm.stats(),
  };
}
