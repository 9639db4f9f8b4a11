import type { KubeServer } from '@kubekit/server';
import { kubeApp } from '@kubekit/hono';
import { Hono } from 'hono';

export interface Todo {
  id: number;
  title: string;
}

/** Where the Kubernetes API is mounted in the app. */
export const KUBE_PATH = '/k8s';

/**
 * The app as it was before Kubernetes came along (a to-do list and a health check), with one
 * line more: the API server as a sub-app under /k8s. The same app runs on Bun, Deno and workers.
 */
export function createApp(server: KubeServer): Hono {
  const todos: Todo[] = [];
  return new Hono()
    .get('/healthz', (c) => c.json({ status: 'up' }))
    .get('/todos', (c) => c.json(todos))
    .post('/todos', async (c) => {
      const { title } = await c.req.json<{ title?: unknown }>();
      const todo = { id: todos.length + 1, title: String(title ?? '') };
      todos.push(todo);
      return c.json(todo, 201);
    })
    .route(KUBE_PATH, kubeApp(server));
}
