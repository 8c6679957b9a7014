using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using MediaGateway.Domain.Sync;

namespace MediaGateway.Domain.UnitTests.Sync;

/// <summary>
/// Random operations issued on 2 to 5 replicas, each replica seeing only part of the history when it acts,
/// then every operation delivered to every replica in a random order with duplicates: all replicas end equal,
/// and equal to the sequential specification.
/// </summary>
public sealed class ConvergenceProperties
{
    private static readonly string[] Items = ["a", "b", "c", "d"];
    private static readonly ResumeRules Rules = ResumeRules.Default;

    private abstract record Op(HybridTimestamp Stamp);
    private sealed record AddOp(string Item, string Tag, HybridTimestamp Stamp) : Op(Stamp);
    private sealed record RemoveOp(string Item, IReadOnlyList<string> Tags, HybridTimestamp Stamp) : Op(Stamp);
    private sealed record SetOp(PlaybackPosition Position, HybridTimestamp Stamp) : Op(Stamp);
    private sealed record DeleteOp(HybridTimestamp Stamp) : Op(Stamp);

    [Property(MaxTest = 300)]
    public Property WatchlistReplicas_Converge_ToSequentialSpecification() =>
        Prop.ForAll(Scenario().ToArbitrary(), scenario =>
        {
            var (replicaCount, seed, length) = scenario;
            var random = new Random(seed);
            var ops = new List<Op>();
            var locals = Enumerable.Range(0, replicaCount).Select(_ => new ObservedRemoveSet<string>()).ToArray();
            for (var i = 0; i < length; i++)
            {
                var replica = random.Next(replicaCount);
                DeliverSome(locals[replica], ops, random);   // a replica acts on a partial view
                var item = Items[random.Next(Items.Length)];
                var stamp = new HybridTimestamp(random.Next(5), random.Next(3), $"d{replica}");
                Op op = random.Next(3) < 2
                    ? new AddOp(item, $"r{replica}-{i}", stamp)
                    : new RemoveOp(item, locals[replica].ObservedTags(item), stamp);
                Apply(locals[replica], op);
                ops.Add(op);
            }

            var replicas = Enumerable.Range(0, replicaCount).Select(_ => new ObservedRemoveSet<string>()).ToArray();
            foreach (var replica in replicas)
            {
                foreach (var op in ShuffledWithDuplicates(ops, random))
                {
                    Apply(replica, op);
                }
            }

            var removed = ops.OfType<RemoveOp>().SelectMany(r => r.Tags).ToHashSet();
            var expected = ops.OfType<AddOp>().Where(a => !removed.Contains(a.Tag)).Select(a => a.Item).ToHashSet();
            return replicas.All(r => r.Items.SetEquals(expected))
                .Label($"expected {{{string.Join(",", expected.Order())}}}, got " +
                       string.Join(" | ", replicas.Select(r => string.Join(",", r.Items.Order()))));
        });

    /// <summary>
    /// As above, but some adds replace the tags their replica observes (what the server does for an add): still
    /// converge to the specification, and after full delivery an item keeps at most one live tag per replica that added
    /// it with a replacing add, instead of one per add.
    /// </summary>
    [Property(MaxTest = 300)]
    public Property ReplacingAdds_Converge_AndLeaveAtMostOneTagPerReplica() =>
        Prop.ForAll(Scenario().ToArbitrary(), scenario =>
        {
            var (replicaCount, seed, length) = scenario;
            var random = new Random(seed);
            var ops = new List<Op>();
            var locals = Enumerable.Range(0, replicaCount).Select(_ => new ObservedRemoveSet<string>()).ToArray();
            for (var i = 0; i < length; i++)
            {
                var replica = random.Next(replicaCount);
                DeliverSome(locals[replica], ops, random);
                var item = Items[random.Next(Items.Length)];
                var stamp = new HybridTimestamp(random.Next(5), random.Next(3), $"d{replica}");
                if (random.Next(3) < 2)
                {
                    // Replacing add: its remove travels first, then the add (any delivery order converges).
                    var tag = $"r{replica}-{i}";
                    var replaced = locals[replica].AddReplacingObserved(item, tag, stamp);
                    ops.Add(new RemoveOp(item, replaced, stamp));
                    ops.Add(new AddOp(item, tag, stamp));
                }
                else
                {
                    var remove = new RemoveOp(item, locals[replica].ObservedTags(item), stamp);
                    Apply(locals[replica], remove);
                    ops.Add(remove);
                }
            }

            var replicas = Enumerable.Range(0, replicaCount).Select(_ => new ObservedRemoveSet<string>()).ToArray();
            foreach (var replica in replicas)
            {
                foreach (var op in ShuffledWithDuplicates(ops, random))
                {
                    Apply(replica, op);
                }
            }

            var removed = ops.OfType<RemoveOp>().SelectMany(r => r.Tags).ToHashSet();
            var expected = ops.OfType<AddOp>().Where(a => !removed.Contains(a.Tag)).Select(a => a.Item).ToHashSet();
            var mostTagsPerItem = Items.Max(item => replicas[0].ObservedTags(item).Count);
            return (replicas.All(r => r.Items.SetEquals(expected)) && mostTagsPerItem <= replicaCount)
                .Label($"expected {{{string.Join(",", expected.Order())}}}, got " +
                       string.Join(" | ", replicas.Select(r => string.Join(",", r.Items.Order()))) +
                       $"; most live tags of one item {mostTagsPerItem} for {replicaCount} replicas");
        });

    [Property(MaxTest = 300)]
    public Property ProgressReplicas_Converge_ToSequentialSpecification() =>
        Prop.ForAll(Scenario().ToArbitrary(), scenario =>
        {
            var (replicaCount, seed, length) = scenario;
            var random = new Random(seed);
            var ops = new List<Op>();
            for (var i = 0; i < length; i++)
            {
                // Few distinct times, so equal physical/logical stamps happen and the node id must break ties.
                // A device never issues two operations with one stamp, so a full stamp is never reused.
                var stamp = new HybridTimestamp(random.Next(4), random.Next(2), $"d{random.Next(replicaCount)}");
                if (ops.Any(o => o.Stamp == stamp))
                {
                    continue;
                }

                ops.Add(random.Next(5) == 0
                    ? new DeleteOp(stamp)
                    : new SetOp(new PlaybackPosition(random.Next(0, 6001), 6000, (PlaybackState)random.Next(3)), stamp));
            }

            var results = Enumerable.Range(0, replicaCount).Select(_ =>
                ShuffledWithDuplicates(ops, random).Select(ToProgress).Aggregate((a, b) => a.Merge(b))).ToArray();

            // Specification: the position is the op with the greatest stamp; completion is the latest of the
            // completing sets and the deletes.
            var last = ops.MaxBy(o => o.Stamp)!;
            var completionOps = ops.Where(o => o is DeleteOp || (o is SetOp s && s.Position.IsCompleted(Rules))).ToList();
            var expectedCompleted = completionOps.Count > 0 && completionOps.MaxBy(o => o.Stamp) is SetOp;
            var expectedPosition = last is SetOp set ? set.Position : null;
            return results.All(r => Equals(r.Position.Value, expectedPosition) && r.IsCompleted == expectedCompleted
                    && r == results[0])
                .Label($"expected {expectedPosition} completed={expectedCompleted}");
        });

    private static Gen<(int Replicas, int Seed, int Length)> Scenario() =>
        from replicas in Gen.Choose(2, 5)
        from seed in Gen.Choose(0, int.MaxValue - 1)
        from length in Gen.Choose(1, 40)
        select (replicas, seed, length);

    private static ContentProgress ToProgress(Op op) => op switch
    {
        SetOp set => ContentProgress.FromSet(set.Position, set.Stamp, Rules),
        DeleteOp delete => ContentProgress.FromDelete(delete.Stamp),
        _ => throw new InvalidOperationException(),
    };

    private static void Apply(ObservedRemoveSet<string> set, Op op)
    {
        switch (op)
        {
            case AddOp add:
                set.Add(add.Item, add.Tag, add.Stamp);
                break;
            case RemoveOp remove:
                set.Remove(remove.Tags);
                break;
        }
    }

    private static void DeliverSome(ObservedRemoveSet<string> replica, List<Op> history, Random random)
    {
        foreach (var op in history.Where(_ => random.Next(2) == 0))
        {
            Apply(replica, op);
        }
    }

    private static List<Op> ShuffledWithDuplicates(List<Op> ops, Random random)
    {
        var delivered = ops.Concat(ops.Where(_ => random.Next(3) == 0)).ToList();
        for (var i = delivered.Count - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (delivered[i], delivered[j]) = (delivered[j], delivered[i]);
        }

        return delivered;
    }
}
