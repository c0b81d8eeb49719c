# Disk size of the embedded history store (data/history.db): the table of SqliteWardHistoryStore
# (keep in step with it), 126 wards x 1440 minutes x 7 days of synthetic samples, then extrapolated to
# the 36 days kept (today + KeepDays=35). Run: python3 bench/history-size.py
import sqlite3, os, random, time
p='os.path.join(os.environ.get('TMPDIR', '/tmp'), 'ioc-history-size.db')'
for s in ['', '-wal', '-shm']:
    try: os.remove(p+s)
    except FileNotFoundError: pass
c=sqlite3.connect(p)
c.execute("PRAGMA journal_mode=WAL"); c.execute("PRAGMA synchronous=NORMAL")
c.execute("""CREATE TABLE ward_minute (ward TEXT NOT NULL, minute INTEGER NOT NULL, waiting INTEGER NOT NULL, avg_wait REAL,
 counters_open INTEGER NOT NULL, robots_online INTEGER NOT NULL, overdue INTEGER NOT NULL, due_soon INTEGER NOT NULL,
 PRIMARY KEY (ward, minute)) WITHOUT ROWID""")
wards=[f"{i*7:05d}" for i in range(126)]
start=29_000_000
days=7
rng=random.Random(1)
t=time.time()
for d in range(days):
    for m in range(1440):
        minute=start+d*1440+m
        rows=[]
        for w in wards:
            office = 480 <= m < 1020
            rows.append((w, minute, rng.randint(0,40) if office else 0, rng.uniform(60,1800) if m>=490 else None, rng.randint(0,8) if office else 0, rng.randint(0,2), rng.randint(0,3), rng.randint(0,6)))
        c.executemany("INSERT OR IGNORE INTO ward_minute VALUES (?,?,?,?,?,?,?,?)", rows)
        c.commit()
c.execute("PRAGMA wal_checkpoint(TRUNCATE)")
c.close()
n=126*1440*days
size=os.path.getsize(p)
print(f"rows {n} size {size/1e6:.1f} MB bytes/row {size/n:.1f} -> 36 days {size/n*126*1440*36/1e6:.0f} MB; {time.time()-t:.0f}s")
