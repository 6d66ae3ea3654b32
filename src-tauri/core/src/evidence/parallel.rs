//! Work spread over the machine's cores, for the evidence check's first
//! read of a long story (a thousand sources' texts, thousands of facts).
//!
//! Contract: [`map`] returns `f` of each item, in the items' order. Fewer
//! than [`SPREAD`] items run on the calling thread: a keystroke's one or
//! two new facts must not pay for starting threads.

/// Items from which [`map`] spreads the work.
pub(crate) const SPREAD: usize = 32;

/// `f` of each of `items`, in order, on up to as many threads as cores.
pub(crate) fn map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).min(8);
    if items.len() < SPREAD || threads < 2 {
        return items.iter().map(f).collect();
    }
    let f = &f;
    std::thread::scope(|scope| {
        let parts: Vec<_> = items
            .chunks(items.len().div_ceil(threads))
            .map(|part| scope.spawn(move || part.iter().map(f).collect::<Vec<R>>()))
            .collect();
        parts
            .into_iter()
            .flat_map(|part| {
                part.join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
            .collect()
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn keeps_the_order_whether_spread_or_not() {
        for n in [0, 1, super::SPREAD - 1, super::SPREAD, 1_000] {
            let items: Vec<usize> = (0..n).collect();
            let threads = std::sync::Mutex::new(std::collections::HashSet::new());
            let out = super::map(&items, |i| {
                threads.lock().unwrap().insert(std::thread::current().id());
                i * 2
            });
            assert_eq!(out, items.iter().map(|i| i * 2).collect::<Vec<_>>(), "{n} items");
            let used = threads.lock().unwrap().len();
            match n >= super::SPREAD && std::thread::available_parallelism().unwrap().get() > 1 {
                true => assert!(used > 1, "{n} items ran on {used} thread"),
                false => assert!(used <= 1, "{n} items ran on {used} threads"),
            }
        }
    }
}
