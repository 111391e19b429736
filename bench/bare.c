/* bench/bare.c — the ceiling openiop is measured against.
 *
 * A bare libmicrohttpd server doing the least work an openiop "read one
 * client" request must do: route GET /row/{id}, read one row by primary key
 * from SQLite (one read connection per server thread, prepared statement,
 * WAL), encode it with jansson, and answer it with keep-alive. No sessions,
 * no permissions, no audit. bench/run.sh reports iop's figures as a ratio to
 * this one, measured in the same run on the same machine.
 *
 * usage: bare PORT DIR
 *   PORT  TCP port on 127.0.0.1, 0 picks a free one
 *   DIR   an existing directory; bare.db is (re)created inside it
 * Prints "listening on http://127.0.0.1:PORT" when ready; stops on
 * SIGINT/SIGTERM.
 *
 * Build: cc -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -O2 \
 *          -Wall -Wextra -Werror bench/bare.c -o bare \
 *          $(pkg-config --cflags --libs libmicrohttpd jansson sqlite3) -lpthread
 */
#include <arpa/inet.h>
#include <errno.h>
#include <jansson.h>
#include <limits.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define POOL_THREADS 2u
#define MAX_READERS 64

static const char *SELECT_ROW =
    "SELECT id, mrn, first_name, last_name, preferred_name, dob, sex,"
    " gender_identity, phone, email, line1, line2, city, state, postal_code,"
    " language, active, created_at, updated_at FROM client WHERE id = ?1";

/* One read connection per server thread, opened on first use. */
struct reader {
  sqlite3 *db;
  sqlite3_stmt *stmt;
};

static char g_db_path[PATH_MAX];
static pthread_mutex_t g_readers_lock = PTHREAD_MUTEX_INITIALIZER;
static struct reader g_readers[MAX_READERS];
static size_t g_nreaders;
static _Thread_local struct reader *tl_reader;

static int request_marker; /* address used as the per-request pointer */

static struct reader *reader_get(void) {
  if (tl_reader)
    return tl_reader;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  if (sqlite3_open_v2(g_db_path, &db,
                      SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL) !=
      SQLITE_OK) {
    fprintf(stderr, "bare: open %s: %s\n", g_db_path,
            db ? sqlite3_errmsg(db) : "out of memory");
    sqlite3_close(db);
    return NULL;
  }
  sqlite3_busy_timeout(db, 5000);
  if (sqlite3_prepare_v3(db, SELECT_ROW, -1, SQLITE_PREPARE_PERSISTENT, &stmt,
                         NULL) != SQLITE_OK) {
    fprintf(stderr, "bare: prepare: %s\n", sqlite3_errmsg(db));
    sqlite3_close(db);
    return NULL;
  }
  pthread_mutex_lock(&g_readers_lock);
  struct reader *r = NULL;
  if (g_nreaders < MAX_READERS) {
    r = &g_readers[g_nreaders++];
    r->db = db;
    r->stmt = stmt;
  }
  pthread_mutex_unlock(&g_readers_lock);
  if (!r) {
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    return NULL;
  }
  tl_reader = r;
  return r;
}

static void readers_close(void) {
  pthread_mutex_lock(&g_readers_lock);
  for (size_t i = 0; i < g_nreaders; i++) {
    sqlite3_finalize(g_readers[i].stmt);
    sqlite3_close(g_readers[i].db);
  }
  g_nreaders = 0;
  pthread_mutex_unlock(&g_readers_lock);
}

static const char *col_text(sqlite3_stmt *st, int i) {
  const unsigned char *t = sqlite3_column_text(st, i);
  return t ? (const char *)t : "";
}

/* Reads row `id` into a freshly allocated JSON text; *status is the HTTP
 * status the caller should answer. Returns NULL on 404/500. */
static char *row_json(long long id, unsigned *status) {
  struct reader *r = reader_get();
  if (!r) {
    *status = MHD_HTTP_INTERNAL_SERVER_ERROR;
    return NULL;
  }
  sqlite3_stmt *st = r->stmt;
  sqlite3_bind_int64(st, 1, id);
  int rc = sqlite3_step(st);
  if (rc != SQLITE_ROW) {
    sqlite3_reset(st);
    *status = rc == SQLITE_DONE ? MHD_HTTP_NOT_FOUND
                                : MHD_HTTP_INTERNAL_SERVER_ERROR;
    return NULL;
  }
  json_t *addr = json_pack("{s:s, s:s, s:s, s:s, s:s}",
                           "line1", col_text(st, 10), "line2", col_text(st, 11),
                           "city", col_text(st, 12), "state", col_text(st, 13),
                           "postal_code", col_text(st, 14));
  json_t *obj = json_pack(
      "{s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:o, s:s, s:b,"
      " s:s, s:s}",
      "id", (json_int_t)sqlite3_column_int64(st, 0), "mrn", col_text(st, 1),
      "first_name", col_text(st, 2), "last_name", col_text(st, 3),
      "preferred_name", col_text(st, 4), "dob", col_text(st, 5), "sex",
      col_text(st, 6), "gender_identity", col_text(st, 7), "phone",
      col_text(st, 8), "email", col_text(st, 9), "address", addr, "language",
      col_text(st, 15), "active", sqlite3_column_int(st, 16) != 0,
      "created_at", col_text(st, 17), "updated_at", col_text(st, 18));
  sqlite3_reset(st);
  if (!obj) {
    *status = MHD_HTTP_INTERNAL_SERVER_ERROR;
    return NULL;
  }
  char *text = json_dumps(obj, JSON_COMPACT);
  json_decref(obj);
  *status = text ? MHD_HTTP_OK : MHD_HTTP_INTERNAL_SERVER_ERROR;
  return text;
}

static enum MHD_Result answer(struct MHD_Connection *conn, unsigned status,
                              char *body_owned, const char *body_static) {
  struct MHD_Response *resp;
  if (body_owned)
    resp = MHD_create_response_from_buffer(strlen(body_owned), body_owned,
                                           MHD_RESPMEM_MUST_FREE);
  else
    resp = MHD_create_response_from_buffer(strlen(body_static),
                                           (void *)body_static,
                                           MHD_RESPMEM_PERSISTENT);
  if (!resp) {
    free(body_owned);
    return MHD_NO;
  }
  MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE,
                          "application/json");
  enum MHD_Result ret = MHD_queue_response(conn, status, resp);
  MHD_destroy_response(resp);
  return ret;
}

static enum MHD_Result handler(void *cls, struct MHD_Connection *conn,
                               const char *url, const char *method,
                               const char *version, const char *upload_data,
                               size_t *upload_data_size, void **req_cls) {
  (void)cls;
  (void)version;
  (void)upload_data;
  /* Answer on the second call: queuing on the first makes libmicrohttpd
   * close the connection after every reply (see docs/architecture.md,
   * "libmicrohttpd: two traps"). */
  if (*req_cls == NULL) {
    *req_cls = &request_marker;
    return MHD_YES;
  }
  if (*upload_data_size != 0) {
    *upload_data_size = 0; /* discard any body */
    return MHD_YES;
  }
  if (strcmp(method, MHD_HTTP_METHOD_GET) != 0)
    return answer(conn, MHD_HTTP_METHOD_NOT_ALLOWED, NULL,
                  "{\"error\":{\"code\":\"method_not_allowed\"}}");
  static const char prefix[] = "/row/";
  if (strncmp(url, prefix, sizeof prefix - 1) != 0)
    return answer(conn, MHD_HTTP_NOT_FOUND, NULL,
                  "{\"error\":{\"code\":\"not_found\"}}");
  const char *digits = url + sizeof prefix - 1;
  char *end = NULL;
  errno = 0;
  long long id = strtoll(digits, &end, 10);
  if (digits[0] < '0' || digits[0] > '9' || *end != '\0' || errno != 0)
    return answer(conn, MHD_HTTP_NOT_FOUND, NULL,
                  "{\"error\":{\"code\":\"not_found\"}}");
  unsigned status = 0;
  char *body = row_json(id, &status);
  if (!body)
    return answer(conn, status, NULL,
                  status == MHD_HTTP_NOT_FOUND
                      ? "{\"error\":{\"code\":\"not_found\"}}"
                      : "{\"error\":{\"code\":\"internal\"}}");
  return answer(conn, status, body, NULL);
}

static int exec(sqlite3 *db, const char *sql) {
  char *err = NULL;
  if (sqlite3_exec(db, sql, NULL, NULL, &err) != SQLITE_OK) {
    fprintf(stderr, "bare: %s: %s\n", sql, err ? err : "?");
    sqlite3_free(err);
    return -1;
  }
  return 0;
}

/* Creates DIR/bare.db with a client-like table of 40 fictitious people. */
static int make_db(const char *dir) {
  static const char *first[] = {"Ada", "Bruno", "Carmen", "Dmitri", "Elif",
                                "Farid", "Greta", "Hiro"};
  static const char *last[] = {"Alvarez", "Brennan", "Castillo", "Dunmore",
                               "Eastwick"};
  static const char *sexes[] = {"female", "male", "intersex", "unknown"};
  int n = snprintf(g_db_path, sizeof g_db_path, "%s/bare.db", dir);
  if (n < 0 || (size_t)n >= sizeof g_db_path) {
    fprintf(stderr, "bare: directory name too long\n");
    return -1;
  }
  char side[PATH_MAX + 8];
  unlink(g_db_path);
  snprintf(side, sizeof side, "%s-wal", g_db_path);
  unlink(side);
  snprintf(side, sizeof side, "%s-shm", g_db_path);
  unlink(side);

  sqlite3 *db = NULL;
  if (sqlite3_open(g_db_path, &db) != SQLITE_OK) {
    fprintf(stderr, "bare: create %s: %s\n", g_db_path,
            db ? sqlite3_errmsg(db) : "out of memory");
    sqlite3_close(db);
    return -1;
  }
  int rc = -1;
  sqlite3_stmt *ins = NULL;
  if (exec(db, "PRAGMA journal_mode=WAL") || exec(db, "PRAGMA synchronous=NORMAL") ||
      exec(db,
           "CREATE TABLE client (id INTEGER PRIMARY KEY, mrn TEXT NOT NULL UNIQUE,"
           " first_name TEXT NOT NULL, last_name TEXT NOT NULL,"
           " preferred_name TEXT NOT NULL DEFAULT '', dob TEXT NOT NULL,"
           " sex TEXT NOT NULL, gender_identity TEXT NOT NULL DEFAULT '',"
           " phone TEXT NOT NULL DEFAULT '', email TEXT NOT NULL DEFAULT '',"
           " line1 TEXT NOT NULL DEFAULT '', line2 TEXT NOT NULL DEFAULT '',"
           " city TEXT NOT NULL DEFAULT '', state TEXT NOT NULL DEFAULT '',"
           " postal_code TEXT NOT NULL DEFAULT '',"
           " language TEXT NOT NULL DEFAULT '', active INTEGER NOT NULL,"
           " created_at TEXT NOT NULL, updated_at TEXT NOT NULL)") ||
      exec(db, "BEGIN"))
    goto out;
  if (sqlite3_prepare_v2(
          db,
          "INSERT INTO client (id, mrn, first_name, last_name, preferred_name,"
          " dob, sex, phone, email, line1, city, state, postal_code, language,"
          " active, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, '', ?5, ?6,"
          " ?7, ?8, ?9, 'Springfield', 'IL', ?10, 'English', 1,"
          " '2024-01-02T03:04:05Z', '2024-01-02T03:04:05Z')",
          -1, &ins, NULL) != SQLITE_OK) {
    fprintf(stderr, "bare: prepare insert: %s\n", sqlite3_errmsg(db));
    goto out;
  }
  for (int i = 1; i <= 40; i++) {
    char mrn[16], dob[16], phone[24], email[64], line1[48], zip[8];
    const char *fn = first[(i - 1) % 8], *ln = last[(i - 1) / 8];
    snprintf(mrn, sizeof mrn, "IOP-%06d", i);
    snprintf(dob, sizeof dob, "19%02d-%02d-%02d", 50 + i, 1 + i % 12,
             1 + i % 28);
    snprintf(phone, sizeof phone, "+1 (555) 010-%04d", i);
    snprintf(email, sizeof email, "%s.%s@example.org", fn, ln);
    snprintf(line1, sizeof line1, "%d Maple Street", 100 + i);
    snprintf(zip, sizeof zip, "627%02d", i);
    sqlite3_bind_int(ins, 1, i);
    sqlite3_bind_text(ins, 2, mrn, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(ins, 3, fn, -1, SQLITE_STATIC);
    sqlite3_bind_text(ins, 4, ln, -1, SQLITE_STATIC);
    sqlite3_bind_text(ins, 5, dob, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(ins, 6, sexes[i % 4], -1, SQLITE_STATIC);
    sqlite3_bind_text(ins, 7, phone, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(ins, 8, email, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(ins, 9, line1, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(ins, 10, zip, -1, SQLITE_TRANSIENT);
    if (sqlite3_step(ins) != SQLITE_DONE) {
      fprintf(stderr, "bare: insert: %s\n", sqlite3_errmsg(db));
      goto out;
    }
    sqlite3_reset(ins);
  }
  if (exec(db, "COMMIT"))
    goto out;
  rc = 0;
out:
  sqlite3_finalize(ins);
  sqlite3_close(db); /* WAL mode persists in the file */
  return rc;
}

int main(int argc, char **argv) {
  if (argc != 3) {
    fprintf(stderr, "usage: %s PORT DIR\n", argv[0]);
    return 2;
  }
  char *end = NULL;
  long port = strtol(argv[1], &end, 10);
  if (*argv[1] == '\0' || *end != '\0' || port < 0 || port > 65535) {
    fprintf(stderr, "bare: bad port %s\n", argv[1]);
    return 2;
  }
  if (make_db(argv[2]) != 0)
    return 1;

  /* Block the stop signals before any thread starts so every thread inherits
   * the mask and the main thread alone receives them through sigwait. */
  sigset_t stop;
  sigemptyset(&stop);
  sigaddset(&stop, SIGINT);
  sigaddset(&stop, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop, NULL);

  struct sockaddr_in sa;
  memset(&sa, 0, sizeof sa);
  sa.sin_family = AF_INET;
  sa.sin_port = htons((uint16_t)port);
  sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);

  struct MHD_Daemon *d = MHD_start_daemon(
      MHD_USE_EPOLL_INTERNAL_THREAD | MHD_USE_ERROR_LOG, 0, NULL, NULL,
      handler, NULL, MHD_OPTION_SOCK_ADDR, (const struct sockaddr *)&sa,
      MHD_OPTION_THREAD_POOL_SIZE, POOL_THREADS, MHD_OPTION_CONNECTION_LIMIT,
      4096u, MHD_OPTION_CONNECTION_TIMEOUT, 30u, MHD_OPTION_LISTEN_BACKLOG_SIZE,
      1024u, MHD_OPTION_END);
  if (!d) {
    fprintf(stderr, "bare: cannot start the server on 127.0.0.1:%ld\n", port);
    return 1;
  }
  const union MHD_DaemonInfo *info =
      MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
  unsigned bound = info ? info->port : (unsigned)port;
  printf("listening on http://127.0.0.1:%u\n", bound);
  fflush(stdout);

  int sig = 0;
  while (sigwait(&stop, &sig) != 0) {
  }
  MHD_stop_daemon(d);
  readers_close();
  fprintf(stderr, "bare: stopped (signal %d)\n", sig);
  return 0;
}
