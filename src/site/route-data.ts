// Starlight route middleware: adjusts each page's route data before it renders.
import { defineRouteMiddleware } from '@astrojs/starlight/route-data';
import { escapeTitle } from './lib/head.ts';

export const onRequest = defineRouteMiddleware((context) => {
  const route = context.locals.starlightRoute;
  route.head = escapeTitle(route.head);
});
