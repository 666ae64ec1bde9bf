#if os(Linux)
import CMalloc
#endif

/// glibc's allocator, told to keep the memory it has taken instead of handing it back and faulting it in again.
///
/// By default glibc returns the free top of a heap to the kernel once it exceeds 128 KiB, and serves requests of
/// 128 KiB and more with their own mappings. `sgw map` allocates and frees a batch's records and output over and
/// over, so the heaps would shrink and grow again for every batch, in page faults and system time
/// (docs/benchmarks.md, Mapping). Kept: up to 64 MiB of free top, grown 16 MiB at a time, with its own mappings only
/// from 4 MiB. Memory stays bounded: what is kept is at most what the run needed at its peak, plus the thresholds.
///
/// An operator's own `GLIBC_TUNABLES` for the allocator win: nothing is set then.
enum MemoryTuning {
    static func apply() {
        #if os(Linux)
        if let tunables = Environment.value("GLIBC_TUNABLES"), tunables.contains("glibc.malloc.") { return }
        _ = mallopt(M_TRIM_THRESHOLD, 64 << 20)
        _ = mallopt(M_TOP_PAD, 16 << 20)
        _ = mallopt(M_MMAP_THRESHOLD, 4 << 20)
        #endif
    }
}
