// TorchSharp's thread count is process-wide, and two torch-heavy tests running side by side on two cores
// oversubscribe them (OpenMP spin-waits); tests therefore run one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
