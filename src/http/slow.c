/*
 * slow.c — the password threads: work too slow for an HTTP worker.
 *
 * Argon2id costs about 64 MiB and 50-100 ms per hash or verification at the
 * interactive cost.  Run on the HTTP workers, a burst of sign-ins (a shift
 * change, or an attacker) would hold every worker while staff wait for
 * charts.  So a handler that needs a password hashed or checked does the
 * quick part (decode, validate, look the account up) and names the rest with
 * req_slow(); the frame (server.c) takes a place in this queue, suspends the
 * connection and pushes the request; one of a few password threads runs the
 * rest and hands the request back to the frame (server_slow_done), which
 * submits its write or queues its answer.
 *
 * The queue is bounded (IOP_PWHASH_QUEUE places, IOP_PWHASH_THREADS
 * threads): when every place is taken the request is answered 429 at once,
 * so memory stays at threads x the hash's memory however many arrive.  The
 * threads run at a lower priority (nice +5) so that, on a busy machine, the
 * workers answering chart reads come first.
 */
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "http/req.h"

void
req_slow(struct req *r, handler_fn rest, void *arg)
{
	r->slow = rest;
	r->slow_arg = arg;
}

static void *
slow_main(void *arg)
{
	struct app *app = arg;
	struct slow_pool *p = &app->slow;

	/* This thread only (Linux: a thread is its own scheduling entity). */
	(void)setpriority(PRIO_PROCESS, (id_t)syscall(SYS_gettid), 5);
	pthread_mutex_lock(&p->lock);
	for (;;) {
		struct req *r;

		while (p->len == 0 && !p->stop)
			pthread_cond_wait(&p->cond, &p->lock);
		if (p->len == 0)
			break;	/* stopping, and nothing left */
		r = p->q[p->head];
		p->head = (p->head + 1) % p->cap;
		p->len--;
		pthread_mutex_unlock(&p->lock);
		server_slow_done(router_slow_rest(r));
		pthread_mutex_lock(&p->lock);
		p->reserved--;
	}
	pthread_mutex_unlock(&p->lock);
	return NULL;
}

enum err
slow_start(struct app *app, int threads, int places, struct error *e)
{
	struct slow_pool *p = &app->slow;

	pthread_mutex_init(&p->lock, NULL);
	pthread_cond_init(&p->cond, NULL);
	p->q = calloc((size_t)places, sizeof *p->q);
	p->th = calloc((size_t)threads, sizeof *p->th);
	if (p->q == NULL || p->th == NULL) {
		slow_stop(app);
		return error_set(e, ERR_NOMEM, "out of memory");
	}
	p->cap = places;
	for (p->nth = 0; p->nth < threads; p->nth++) {
		if (pthread_create(&p->th[p->nth], NULL, slow_main, app) != 0) {
			slow_stop(app);
			return error_set(e, ERR_IO, "cannot start the password threads");
		}
	}
	return ERR_OK;
}

bool
slow_reserve(struct app *app)
{
	struct slow_pool *p = &app->slow;
	bool ok;

	pthread_mutex_lock(&p->lock);
	ok = p->reserved < p->cap && !p->stop;
	if (ok)
		p->reserved++;
	pthread_mutex_unlock(&p->lock);
	return ok;
}

void
slow_push(struct app *app, struct req *r)
{
	struct slow_pool *p = &app->slow;

	pthread_mutex_lock(&p->lock);
	p->q[(p->head + p->len) % p->cap] = r;	/* reserved: there is room */
	p->len++;
	pthread_cond_signal(&p->cond);
	pthread_mutex_unlock(&p->lock);
}

void
slow_stop(struct app *app)
{
	struct slow_pool *p = &app->slow;
	int i;

	if (p->q == NULL && p->th == NULL)
		return;
	pthread_mutex_lock(&p->lock);
	p->stop = true;	/* the threads finish what is queued, then end */
	pthread_cond_broadcast(&p->cond);
	pthread_mutex_unlock(&p->lock);
	for (i = 0; i < p->nth; i++)
		pthread_join(p->th[i], NULL);
	free(p->q);
	free(p->th);
	p->q = NULL;
	p->th = NULL;
	p->nth = 0;
	pthread_mutex_destroy(&p->lock);
	pthread_cond_destroy(&p->cond);
}
