-- connection: accounts=123456789012,210987654321;roleName=Inventory
-- Orphan EBS snapshots: each account's own snapshots (OwnerIds=self, the default scope of aws.ec2.snapshots)
-- that none of its own AMIs uses, per account and region — storage still paid for, often the leftover of a
-- deregistered AMI. An AMI's snapshots are named in its blockDeviceMappings (JSON text), whatever the device.
SELECT s.account, s.region, s.snapshotId, s.state, s.storageTier, s.volumeSize, s.startTime, s.description
FROM aws.ec2.snapshots s
WHERE NOT EXISTS (
  SELECT 1
  FROM aws.ec2.images i
  WHERE i.account = s.account AND i.region = s.region
    AND i.blockDeviceMappings LIKE '%"' || s.snapshotId || '"%')
ORDER BY s.account, s.region, s.snapshotId;
