using GongOperator.Kubernetes.Controllers;
using GongOperator.Kubernetes.Tests.Support;

namespace GongOperator.Kubernetes.Tests.Controllers;

public sealed class PredicatesTests
{
    private static Widget With(long generation, Dictionary<string, string>? annotations = null, string? note = null)
    {
        var w = Widget.Create("a", "w");
        w.Metadata.Generation = generation;
        w.Metadata.Annotations = annotations;
        w.Status = new WidgetStatus { Note = note };
        return w;
    }

    [Fact]
    public void A_status_only_change_passes_neither_generation_nor_annotation_predicates()
    {
        var predicate = Predicates.Or(Predicates.GenerationChanged<Widget>(), Predicates.AnnotationsChanged<Widget>("gong/reassert"));

        Assert.False(predicate(With(1, note: "a"), With(1, note: "b")));
    }

    [Fact]
    public void A_generation_bump_passes()
        => Assert.True(Predicates.GenerationChanged<Widget>()(With(1), With(2)));

    [Fact]
    public void Only_the_chosen_annotations_count()
    {
        var predicate = Predicates.AnnotationsChanged<Widget>("gong/reassert");

        Assert.True(predicate(With(1), With(1, new() { ["gong/reassert"] = "1" })));
        Assert.True(predicate(With(1, new() { ["gong/reassert"] = "1" }), With(1, new() { ["gong/reassert"] = "2" })));
        Assert.False(predicate(With(1), With(1, new() { ["other"] = "x" })));
    }

    [Fact]
    public void And_needs_all_and_or_needs_one()
    {
        UpdatePredicate<Widget> yes = (_, _) => true;
        UpdatePredicate<Widget> no = (_, _) => false;

        Assert.False(Predicates.And(yes, no)(With(1), With(1)));
        Assert.True(Predicates.Or(yes, no)(With(1), With(1)));
    }

    [Fact]
    public void Labels_and_deletion_predicates_see_their_changes()
    {
        var a = With(1);
        var b = With(1);
        b.Metadata.Labels = new Dictionary<string, string> { ["x"] = "y" };
        Assert.True(Predicates.LabelsChanged<Widget>()(a, b));

        var c = With(1);
        c.Metadata.DeletionTimestamp = DateTime.UtcNow;
        Assert.True(Predicates.DeletionOrFinalizersChanged<Widget>()(a, c));
        Assert.False(Predicates.DeletionOrFinalizersChanged<Widget>()(a, With(1)));
    }
}
