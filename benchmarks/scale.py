"""Large galleries: `uv run python benchmarks/scale.py [--n 1000000] [--queries 1000] [--usearch-n 250000]` (usearch rows need `uv sync --group bench`; the PostgreSQL rows need the postgres group, part of `uv sync`).

A synthetic gallery shaped like face embeddings: N unit vectors in 128 dimensions, 4 noisy photos around each of N/4
random people, and queries that are new noisy photos of enrolled people. For the exact search (a NumPy product over all
rows), the faiss IVF index that `VectorIndex` builds above its `exact_below`, and usearch's HNSW graph (the other
candidate), it prints the build time, the memory, single-query latency p50/p99 (one query at a time, as a camera
frame asks) and recall@1 against the exact answer; and the time `VectorIndex.update` takes after one person is
removed and one enrolled, and after 10,000 photos are enrolled at once (instead of a rebuild). Then the same million in
the PostgreSQL store (`PostgresStore`, pgvector's HNSW index, on a pgserver PostgreSQL 16 started here with
shared_buffers 1 GB): the bulk load (COPY) and the index build, the size on disk, query latency through
`PostgresStore.nearest` (a round trip per query, as a gallery makes) and recall@1 at several ef_search, the exact scan,
the enrolment rate through `PostgresStore.add` into the indexed table, and one person added and removed.
Writes benchmarks/scale.md and the "scale" section of results.json.
"""
import argparse, statistics, sys, tempfile, time, resource
from pathlib import Path
import numpy as np
sys.path.insert(0, str(Path(__file__).parent))
from _common import machine, report, update_results
from facerecog.index import VectorIndex

def postgres_rows(V, Q, truth, per, rows, res, latency, efs=(40, 100, 200), graph=None):
    "The PostgreSQL store on the same vectors: load, index build, size, latency and recall, exact scan, enrolment, one person."
    from facerecog.store import PostgresStore, Photo, local_server, EF_SEARCH
    import facerecog.store
    HNSW = {**facerecog.store.HNSW, **{k: v for k, v in (graph or {}).items() if v}}
    facerecog.store.HNSW.update(HNSW)  # the graph the store builds (for the rows enrolled below) is the one measured
    space = dict(model='synthetic', weights='synthetic', dim=V.shape[1], size=112)
    out = {}
    with tempfile.TemporaryDirectory(prefix='facerecog-pg-') as pgdata:
        with local_server(pgdata) as url:  # settings for a server that holds a million rows; then restart to apply them
            import psycopg
            with psycopg.connect(url, autocommit=True) as c:
                for k, v in dict(shared_buffers='1GB', maintenance_work_mem='2GB', max_parallel_maintenance_workers=1).items():
                    c.execute(f"ALTER SYSTEM SET {k} = '{v}'")
        with local_server(pgdata) as url:
            st = PostgresStore(url, space)
            with psycopg.connect(url, autocommit=True) as c:
                from pgvector.psycopg import register_vector
                register_vector(c)
                c.execute('DROP INDEX facerecog_photos_hnsw')  # a bulk load: the rows first, then the index over all of them
                t = time.perf_counter()
                with c.cursor().copy('COPY facerecog_photos (person, hash, source, settings, embedding) FROM STDIN WITH (FORMAT BINARY)') as cp:
                    cp.set_types(['text', 'text', 'text', 'text', 'vector'])
                    for i, v in enumerate(V): cp.write_row((f'p{i // per}', f'h{i}', f'p{i // per}/{i % per}.jpg', st.settings_id, v))
                load = time.perf_counter() - t
                t = time.perf_counter()
                c.execute('CREATE INDEX facerecog_photos_hnsw ON facerecog_photos USING hnsw (embedding vector_l2_ops) WITH (m = %s, ef_construction = %s)' % (HNSW['m'], HNSW['ef_construction']))
                build = time.perf_counter() - t
                c.execute('VACUUM ANALYZE facerecog_photos')
                table_mib, index_mib = [c.execute(f"SELECT pg_total_relation_size('{r}') / 1048576.0").fetchone()[0] for r in ('facerecog_photos', 'facerecog_photos_hnsw')]
            print(f'postgres: COPY {load:.0f} s, HNSW build {build:.0f} s, table {table_mib:.0f} MiB with index {index_mib:.0f} MiB', flush=True)
            # the row number of a photo is its hash 'h<i>', and its person p<i // per>: recall by the person's row found
            for ef in efs:
                st.ef_search = ef
                for _ in range(20): st.nearest(Q[0], 1)  # warm the connection and the caches
                p50, p99, found = latency(lambda q: st.nearest(q, 1)[0][0][1])
                rec = float((found == np.array([f'p{i // per}' for i in truth])).mean())
                out[f"postgres_m{HNSW['m']}_efc{HNSW['ef_construction']}_ef{ef}"] = dict(load_s=round(load, 1), build_s=round(build, 1), table_mib=round(table_mib), index_mib=round(index_mib), p50_ms=round(p50, 3), p99_ms=round(p99, 3), recall_at_1=round(rec, 4), **HNSW)
                rows.append((f"PostgreSQL + pgvector HNSW (m {HNSW['m']}, ef_construction {HNSW['ef_construction']}), ef_search {ef}" + (' (the default)' if ef == EF_SEARCH else ''),
                             f'{load:.0f} s COPY + {build:.0f} s index', f'{table_mib:.0f} MiB on disk ({index_mib:.0f} MiB index)', f'p50 {p50:.2f} ms, p99 {p99:.2f} ms',
                             'PostgresStore.nearest: one round trip per query; recall of the nearest person', f'{rec:.4f}'))
                print(rows[-1], flush=True)
            st.ef_search = EF_SEARCH
            p50, p99, found = latency(lambda q: st.nearest(q, 1, exact=True)[0][0][1], n=20)
            rec = float((found == np.array([f'p{i // per}' for i in truth[:20]])).mean())
            g = f"m{HNSW['m']}_efc{HNSW['ef_construction']}"
            out[f'postgres_exact_{g}'] = dict(p50_ms=round(p50, 1), p99_ms=round(p99, 1), recall_at_1=rec, queries=20)
            rows.append((f"PostgreSQL exact scan (every row; table of the m {HNSW['m']}, ef_construction {HNSW['ef_construction']} run)", '', '', f'p50 {p50:.0f} ms, p99 {p99:.0f} ms (20 queries)', 'PostgresStore.nearest(exact=True)', f'{rec:.4f}'))
            print(rows[-1], flush=True)
            # enrolment through the store's own verb, into the indexed table, in the batches facerecog-enrol writes
            rng = np.random.default_rng(1)
            new = rng.normal(size=(10_000, V.shape[1])).astype(np.float32); new /= np.linalg.norm(new, axis=1, keepdims=True)
            t = time.perf_counter()
            for b in range(0, len(new), 16):
                st.add(f'new{b}', [Photo(f'new{b}', f'n{b + j}', 'x.jpg', e) for j, e in enumerate(new[b:b + 16])])
            rate = len(new) / (time.perf_counter() - t)
            t = time.perf_counter(); st.add('one more', [Photo('one more', f'o{j}', 'x.jpg', e) for j, e in enumerate(new[:per])]); add1 = time.perf_counter() - t
            t = time.perf_counter(); st.remove('one more'); rm1 = time.perf_counter() - t
            out[f'postgres_enrol_{g}'] = dict(photos=len(new), photos_per_s=round(rate, 1), add_one_person_ms=round(1000 * add1, 1), remove_one_person_ms=round(1000 * rm1, 1))
            rows.append((f"PostgreSQL: enrol {len(new):,} photos into the indexed table (m {HNSW['m']}, ef_construction {HNSW['ef_construction']})", f'{len(new) / rate:.0f} s', '', f'{rate:.0f} photos/s', 'PostgresStore.add, 16 photos a transaction (as facerecog-enrol)', ''))
            rows.append((f"PostgreSQL: 1 person enrolled (4 photos), then removed (m {HNSW['m']}, ef_construction {HNSW['ef_construction']})", f'{1000 * add1:.0f} ms + {1000 * rm1:.0f} ms', '', '', 'one transaction each; the index is updated in place', ''))
            print(rows[-2], rows[-1], flush=True)
            st.close()
    res.update(out)

def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument('--n', type=int, default=1_000_000); p.add_argument('--queries', type=int, default=1000)
    p.add_argument('--threads', type=int, default=2); p.add_argument('--no-write', action='store_true')
    p.add_argument('--enrol', type=int, default=1000, help='LFW photos to enrol with 1 and 2 processes (0: skip; needs LFW in the cache)')
    p.add_argument('--usearch-n', type=int, default=None, help='build usearch on the first N vectors only (its build is the slow one)')
    p.add_argument('--no-postgres', action='store_true', help='skip the PostgreSQL rows')
    p.add_argument('--only-postgres', action='store_true', help='measure the PostgreSQL rows only; the other rows stay as results.json has them')
    p.add_argument('--ef', default='40,100,200', help='the ef_search values to measure, comma-separated')
    p.add_argument('--m', type=int, default=None, help="HNSW neighbours per node (default: facerecog.store.HNSW's)")
    p.add_argument('--ef-construction', type=int, default=None, help="HNSW candidates while building (default: facerecog.store.HNSW's)")
    a = p.parse_args()
    import faiss; faiss.omp_set_num_threads(a.threads)

    def rss_mb() -> float: return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    rng = np.random.default_rng(0); d, per = 128, 4
    people = a.n // per
    C = rng.normal(size=(people, d)).astype(np.float32); C /= np.linalg.norm(C, axis=1, keepdims=True)
    V = np.empty((people * per, d), np.float32)
    for s in range(0, people, 50_000):  # in chunks: the noise of a million rows at once would double the memory
        blk = C[s:s+50_000, None] + 0.35 * rng.normal(size=(len(C[s:s+50_000]), per, d)).astype(np.float32) / np.sqrt(d)
        V[s*per:(s+len(blk))*per] = (blk / np.linalg.norm(blk, axis=-1, keepdims=True)).reshape(-1, d)
    who = rng.choice(people, a.queries, replace=False)
    Q = C[who] + 0.35 * rng.normal(size=(a.queries, d)).astype(np.float32) / np.sqrt(d); Q /= np.linalg.norm(Q, axis=1, keepdims=True)
    print(f"{len(V):,} vectors of {d} dimensions ({V.nbytes / 2**20:.0f} MiB), {a.queries} queries", flush=True)

    # the exact answers, in chunks of queries (float32 product; ties are not a concern for random data)
    v2 = (V ** 2).sum(1)
    t = time.perf_counter(); truth = np.concatenate([np.argmin(v2[None] - 2 * Q[i:i+50] @ V.T, axis=1) for i in range(0, len(Q), 50)])
    exact_ms = 1000 * (time.perf_counter() - t) / len(Q)
    rows, res = [], dict(n=len(V), dim=d, queries=a.queries, threads=a.threads, machine=machine(), date=time.strftime('%Y-%m-%d'))
    rows.append(('exact (NumPy product over every row)', '0 s', f'{V.nbytes / 2**20:.0f} MiB', f'{exact_ms:.1f} ms per query (batches of 50)', '', '1.0000'))
    res['exact'] = dict(ms_per_query_batched=round(exact_ms, 2))

    def latency(search, n=None) -> tuple[float, float, np.ndarray]:
        "p50 and p99 ms of one query at a time, and the nearest row found for each query."
        ts, found = [], []
        for q in Q[:n]:
            t = time.perf_counter(); found.append(search(q[None])); ts.append(1000 * (time.perf_counter() - t))
        return statistics.median(ts), float(np.percentile(ts, 99)), np.array(found)

    if a.only_postgres:  # the other rows as measured before; these measured now
        from _common import load_results
        old = load_results().get('scale', {})
        rows = [tuple(r.values()) for r in old.get('rows', [])]
        new = []
        postgres_rows(V, Q, truth, per, new, res, latency, [int(x) for x in a.ef.split(',')], dict(m=a.m, ef_construction=a.ef_construction))
        rows = [r for r in rows if r[0] not in {n[0] for n in new}] + new  # a row measured again replaces its earlier figure
        res = {**old, **{k: v for k, v in res.items() if k.startswith('postgres')}, 'postgres_rerun': dict(date=res['date'], machine=res['machine'], graph=dict(m=a.m, ef_construction=a.ef_construction), ef=a.ef)}
        res['rows'] = [dict(zip(('what', 'build', 'memory', 'query', 'notes', 'recall_at_1'), r)) for r in rows]
        if not a.no_write:
            report(f'Large galleries: {res["n"]:,} vectors, {a.queries} queries, {a.threads} threads (peak memory {res["peak_rss_mib"]} MiB)', rows,
                   ('what', 'build', 'memory', 'query (one at a time)', 'notes', 'recall@1'), Path(__file__).with_suffix('.md'))
            update_results('scale', res)
        return
    # faiss IVF, as VectorIndex builds it
    m0 = rss_mb(); t = time.perf_counter(); idx = VectorIndex(V, exact_below=1); build = time.perf_counter() - t
    with tempfile.TemporaryDirectory() as tmp:
        size = (idx.save(Path(tmp)/'i.faiss').stat().st_size) / 2**20
    nl = idx.faiss.nlist
    for nprobe in (8, 16, 32, 64):
        idx.faiss.nprobe = nprobe
        p50, p99, found = latency(lambda q: idx.search(q, 1)[1][0, 0])
        rec = float((found == truth).mean())
        res[f'faiss_nprobe{nprobe}'] = dict(build_s=round(build, 1), index_mib=round(size), p50_ms=round(p50, 3), p99_ms=round(p99, 3), recall_at_1=round(rec, 4))
        rows.append((f'{idx.kind}, nprobe {nprobe}' + (' (the default)' if nprobe == 64 else ''), f'{build:.0f} s', f'{size:.0f} MiB index',
                     f'p50 {p50:.2f} ms, p99 {p99:.2f} ms', '', f'{rec:.4f}'))
        print(rows[-1], flush=True)
    # a gallery changes a little at a time: VectorIndex.update removes and adds only the rows that changed, in the groups of the first build
    new = C[rng.choice(people, 10_004)] + 0.35 * rng.normal(size=(10_004, d)).astype(np.float32) / np.sqrt(d); new /= np.linalg.norm(new, axis=1, keepdims=True)
    W1 = np.concatenate([V[per:], new[:per]])  # the first person removed, one new person of 4 photos enrolled
    t = time.perf_counter(); idx = idx.update(W1); upd1 = time.perf_counter() - t
    keep = truth >= per  # queries whose nearest row is still there, one person's rows earlier
    p50, p99, found = latency(lambda q: idx.search(q, 1)[1][0, 0])
    rec = float((found[keep] == truth[keep] - per).mean())
    t = time.perf_counter(); idx = idx.update(np.concatenate([W1, new[per:]])); upd2 = time.perf_counter() - t
    res['update'] = dict(one_person_s=round(upd1, 2), ten_thousand_s=round(upd2, 2), recall_at_1=round(rec, 4), p50_ms=round(p50, 3), p99_ms=round(p99, 3), same_index=idx.faiss.nlist == nl)
    rows.append((f'update: 1 person removed, 1 enrolled (4 photos)', f'{upd1:.1f} s', '', f'p50 {p50:.2f} ms, p99 {p99:.2f} ms', 'VectorIndex.update: the groups of the first build kept', f'{rec:.4f}'))
    rows.append((f'update: 10,000 photos enrolled at once', f'{upd2:.1f} s', '', '', 'instead of a rebuild of the whole index', ''))
    print(rows[-2], rows[-1], flush=True)
    del idx, W1

    truth_all = truth  # the usearch rows may answer for a part of V only
    # usearch HNSW, when installed
    try:
        from usearch.index import Index
        t = time.perf_counter(); u = Index(ndim=d, metric='l2sq', dtype='f32', connectivity=16, expansion_add=128, expansion_search=64)
        nu = min(a.usearch_n or len(V), len(V)); u.add(np.arange(nu), V[:nu], threads=a.threads); ubuild = time.perf_counter() - t
        if nu < len(V): truth = np.concatenate([np.argmin(v2[None, :nu] - 2 * Q[i:i+50] @ V[:nu].T, axis=1) for i in range(0, len(Q), 50)])
        with tempfile.TemporaryDirectory() as tmp:
            u.save(f'{tmp}/u.usearch'); usize = Path(f'{tmp}/u.usearch').stat().st_size / 2**20
        p50, p99, found = latency(lambda q: int(u.search(q[0], 1).keys[0]))
        rec = float((found == truth).mean())
        res['usearch_hnsw'] = dict(n=nu, build_s=round(ubuild, 1), index_mib=round(usize), p50_ms=round(p50, 3), p99_ms=round(p99, 3), recall_at_1=round(rec, 4))
        rows.append((f'usearch HNSW (connectivity 16, expansion 128/64){"" if nu == len(V) else f", on the first {nu:,} vectors only"}', f'{ubuild:.0f} s', f'{usize:.0f} MiB index', f'p50 {p50:.2f} ms, p99 {p99:.2f} ms', '', f'{rec:.4f}'))
        print(rows[-1], flush=True)
    except ImportError:
        print('usearch is not installed (uv sync --group bench): its row is skipped.')

    res['peak_rss_mib'] = round(rss_mb())
    if not a.no_postgres: postgres_rows(V, Q, truth_all, per, rows, res, latency, [int(x) for x in a.ef.split(',')], dict(m=a.m, ef_construction=a.ef_construction))
    del V, v2

    # enrolling a large folder (LFW photos, linked into a temporary gallery), with 1 and 2 processes
    from facerecog.files import cache_home
    lfw = cache_home()/'lfw'/'lfw-deepfunneled'
    if a.enrol and lfw.is_dir():
        import shutil
        from facerecog.gallery import Gallery
        from facerecog.model import load_model
        model, enrol = load_model(), {}
        people = sorted(p for p in lfw.iterdir() if p.is_dir())
        with tempfile.TemporaryDirectory() as tmp:
            g, n = Path(tmp)/'gallery', 0
            for person in people:
                if n >= a.enrol: break
                (g/person.name).mkdir(parents=True)
                for f in sorted(person.iterdir())[:a.enrol - n]: (g/person.name/f.name).symlink_to(f); n += 1
            for cpus in (1, 2):
                for c in g.glob('.facerecog-*'): c.unlink()
                t = time.perf_counter(); gal = Gallery.from_folder(g, model, cpus=cpus, quiet=True); s = time.perf_counter() - t
                enrol[cpus] = dict(photos=n, people=len(gal), seconds=round(s, 1), photos_per_s=round(n / s, 1))
                rows.append((f'enrol {n:,} LFW photos of {len(gal)} people, {cpus} process{"es" if cpus > 1 else ""}', f'{s:.0f} s', '', f'{n / s:.1f} photos/s', 'float32, flip; every photo detected, aligned, embedded', ''))
                print(rows[-1], flush=True)
        res['enrol'] = enrol
    res['rows'] = [dict(zip(('what', 'build', 'memory', 'query', 'notes', 'recall_at_1'), r)) for r in rows]
    if not a.no_write:
        report(f'Large galleries: {res["n"]:,} vectors, {a.queries} queries, {a.threads} threads (peak memory {res["peak_rss_mib"]} MiB)', rows,
               ('what', 'build', 'memory', 'query (one at a time)', 'notes', 'recall@1'), Path(__file__).with_suffix('.md'))
        update_results('scale', res)
    else: print('\n'.join(map(str, rows)))

if __name__ == '__main__':  # worker processes of the enrolment import this file: only the parent runs it
    main()
