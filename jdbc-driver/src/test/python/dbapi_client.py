"""A Python DB-API script as users write one, through JPype's jpype.dbapi2 and the awsql all-in-one jar.

jpype.dbapi2 prepares every statement and asks for its parameter metadata first, commits after writes,
and maps SQLStates to DB-API exception classes: the contract a JDBC driver must keep for Python.
Usage: python3 dbapi_client.py AWSQL_JAR JPYPE_SUPPORT_JAR
"""
import sys

import jpype
import jpype.dbapi2 as dbapi2

jpype.startJVM(classpath=[sys.argv[1], sys.argv[2]])
conn = dbapi2.connect("jdbc:awsql:local=true;region=us-east-1")
cur = conn.cursor()
insert = "INSERT INTO aws.ec2.store_image_tasks (region, ImageId, Bucket) VALUES (?, ?, ?)"

cur.execute(insert, ["us-east-1", "ami-0a1b2c3d4e5f60005", "acme-ami-archive"])
assert cur.rowcount == 1, cur.rowcount
conn.commit()

cur.executemany(insert, [["us-east-1", "ami-12345678", "acme-dr-backups"],
                         ["us-east-1", "ami-0a1b2c3d4e5f60006", "acme-dr-backups"]])
assert cur.rowcount == 2, cur.rowcount

cur.execute("SELECT amiId, storeTaskState FROM aws.ec2.store_image_tasks WHERE bucket = ? AND amiId IN (?, ?)"
            " ORDER BY amiId", ["acme-dr-backups", "ami-12345678", "ami-0a1b2c3d4e5f60006"])
rows = [tuple(r) for r in cur.fetchall()]
assert rows == [("ami-0a1b2c3d4e5f60006", "InProgress"), ("ami-12345678", "InProgress")], rows

try:
    conn.rollback()
    raise AssertionError("rollback after two creates must fail")
except dbapi2.Error as e:
    assert "already took effect" in str(e) and "ami-12345678" in str(e), str(e)
    print("rollback refused:", type(e).__name__)

try:
    cur.execute("DELETE FROM aws.ec2.store_image_tasks")
    raise AssertionError("DELETE must fail")
except dbapi2.Error as e:
    assert "not possible" in str(e), str(e)
    print("delete refused:", type(e).__name__)

conn.close()
print("dbapi client: ok")
