using VpDarts.Experiments;

namespace VpDarts.Cli.Commands;

/// <summary>The <c>vpdarts experiment ...</c> commands: one per experiment of the paper, <c>sweep</c> and
/// <c>collect</c>.</summary>
public static class ExperimentCommands
{
    /// <summary>Adds the experiment commands to their branch.</summary>
    public static void Register(IConfigurator<CommandSettings> branch)
    {
        foreach (var name in ExperimentCatalog.Names)
        {
            var definition = ExperimentCatalog.Get(name);
            branch.AddCommand<ExperimentCommand>(name)
                .WithData(name)
                .WithDescription(
                    $"{definition.Title}: {string.Join(", ", definition.Variants.Select(v => v.Name))} × seeds.")
                .WithExample("experiment", name, "--preset", "cpu", "--seeds", "3", "--parallel", "2",
                    "--table", "nb201.csv")
                .WithExample("experiment", name, "--preset", "paper", "--device", "cuda", "--seeds", "5", "--emit",
                    "slurm", "--table", "nb201.csv", "--out", "/shared/exp/" + name);
        }
        branch.AddCommand<SweepCommand>(SweepGrid.ExperimentName)
            .WithDescription("A grid of your own over any config.json keys: every combination of the --grid values × " +
                             "seeds, in the same folders, summary and cluster jobs as the paper's experiments.")
            .WithExample("experiment", SweepGrid.ExperimentName, "--grid", "weight_lr=0.01,0.025", "--grid",
                "k=fixed,adjustable", "--preset", "cpu", "--seeds", "3", "--table", "nb201.csv")
            .WithExample("experiment", SweepGrid.ExperimentName, "--grid", "arch-lr=3e-4,1e-3", "--preset", "paper",
                "--device", "cuda", "--emit", "slurm", "--table", "nb201.csv", "--out", "/shared/exp/arch-lr");
        branch.AddCommand<ProxiesExperimentCommand>("proxies")
            .WithDescription("Every zero-cost proxy on a seeded sample of NB201 cells: Spearman ρ and Kendall τ-b " +
                             "against NB201, CPU seconds per cell, the published ρ beside; resumable.")
            .WithExample("experiment", "proxies", "--dataset", "folder:cifar10-jpeg.tar.gz", "--table", "nb201.csv",
                "--out", "experiments/proxies-cifar10");
        branch.AddCommand<ExperimentCollectCommand>("collect")
            .WithDescription("Build experiment.md, the CSV files and figures of an experiment folder from whatever " +
                "searches have finished.")
            .WithExample("experiment", "collect", "experiments/table1-cpu");
    }
}
