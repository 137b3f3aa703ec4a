import type { FastifyPluginAsync } from 'fastify';

/**
 * When the web application was not built (`web/dist` missing: tests, a checkout without
 * `npm run build:web`), `/` says in both languages what is running and how to build the pages.
 */
export const homeRoutes: FastifyPluginAsync = async (app) => {
  app.get('/', { config: { access: 'public' }, schema: { hide: true } }, async (_req, reply) => {
    const { baseUrl } = app.config;
    const database = app.db.kind === 'pglite' ? 'PGlite' : 'PostgreSQL';
    return reply.type('text/html; charset=utf-8').send(`<!doctype html>
<html lang="zh-CN">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Anylib 图书馆联盟服务平台</title>
<style>body{font:16px/1.6 system-ui,"PingFang SC","Noto Sans CJK SC",sans-serif;max-width:44rem;margin:3rem auto;padding:0 1rem;color:#222}h1{font-size:1.6rem}section{margin:1.5rem 0}code{background:#f3f3f3;padding:0 .3em}</style>
</head>
<body>
<h1>Anylib</h1>
<section lang="zh-CN">
<p>Anylib 图书馆联盟共享服务平台正在运行（数据库：${database}）。联合目录、一站式检索、馆际互借与文献传递、统一认证等服务将逐步开放。</p>
<p>网页应用尚未构建：请运行 <code>npm run build:web</code>（<code>npm ci</code> 和 <code>npm start</code> 会自动构建）。</p>
<p>接口文档：<a href="/docs">/docs</a> · 成员馆目录：<a href="/api/v1/libraries">/api/v1/libraries</a> · 联盟：<a href="/api/v1/alliances">/api/v1/alliances</a></p>
</section>
<section lang="en">
<p>Anylib, the shared-services platform of a library alliance, is running (database: ${database}). The union catalogue, one-stop search, interlibrary loan and document delivery and unified sign-in are on their way.</p>
<p>The web application is not built: run <code>npm run build:web</code> (<code>npm ci</code> and <code>npm start</code> build it).</p>
<p>API documentation: <a href="/docs">/docs</a> · Member libraries: <a href="/api/v1/libraries">/api/v1/libraries</a> · Alliances: <a href="/api/v1/alliances">/api/v1/alliances</a></p>
</section>
<p><small>${baseUrl}</small></p>
</body>
</html>`);
  });
};
