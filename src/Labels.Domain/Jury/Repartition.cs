using Labels.Domain.Commun;

namespace Labels.Domain.Jury;

/// <summary>
/// Automatic assignment: every dossier gets N jurors, never a conflicted one, and loads differ by
/// at most one. Solved exactly as a maximum flow — each juror takes ⌊total/jurors⌋ dossiers plus at
/// most one of the remainder — so a balanced assignment is found whenever one exists. Inputs are
/// sorted, so the same input gives the same assignment.
/// </summary>
public static class Repartition
{
    /// <summary>
    /// An automatic assignment replaces every assignment of the édition: once a juror has started an evaluation, it would
    /// throw that work away. Assignments then change one by one.
    /// </summary>
    public static void VerifierPossible(bool evaluationsCommencees)
    {
        if (evaluationsCommencees)
            throw new DomainException("Des évaluations sont commencées : la répartition automatique ne remplace plus les affectations.");
    }

    /// <param name="dossiers">Dossier ids.</param>
    /// <param name="jures">Juror ids.</param>
    /// <param name="compatible">Whether a juror may evaluate a dossier (no conflict).</param>
    /// <returns>Pairs (dossier, juror).</returns>
    public static IReadOnlyList<(Guid Dossier, Guid Jure)> Calculer(IReadOnlyCollection<Guid> dossiers, IReadOnlyCollection<Guid> jures,
        int juresParDossier, Func<Guid, Guid, bool> compatible)
    {
        ArgumentNullException.ThrowIfNull(compatible);
        if (juresParDossier < 1) throw new DomainException("Au moins un juré par dossier.");
        if (dossiers.Count == 0) return [];
        if (jures.Count < juresParDossier)
            throw new DomainException($"{juresParDossier} jurés par dossier demandés, {jures.Count} dans le jury.");
        var d = dossiers.Order().ToArray();
        var j = jures.Order().ToArray();
        var total = d.Length * juresParDossier;
        var (plancher, reste) = (total / j.Length, total % j.Length);

        // Nodes: source, dossiers, jurors, "remainder", sink.
        var source = 0;
        var premierDossier = 1;
        var premierJure = premierDossier + d.Length;
        var surplus = premierJure + j.Length;
        var puits = surplus + 1;
        var reseau = new Reseau(puits + 1);
        for (var x = 0; x < d.Length; x++) reseau.Arc(source, premierDossier + x, juresParDossier);
        for (var x = 0; x < d.Length; x++)
            for (var y = 0; y < j.Length; y++)
                if (compatible(d[x], j[y])) reseau.Arc(premierDossier + x, premierJure + y, 1);
        for (var y = 0; y < j.Length; y++)
        {
            reseau.Arc(premierJure + y, puits, plancher);
            reseau.Arc(premierJure + y, surplus, 1);
        }
        reseau.Arc(surplus, puits, reste);

        var flot = reseau.FlotMax(source, puits);
        if (flot < total)
            throw new DomainException(
                $"Aucune répartition équilibrée sans conflit : {flot} affectations possibles sur {total}. Élargissez le jury ou réduisez le nombre de jurés par dossier.");

        var paires = new List<(Guid, Guid)>(total);
        for (var x = 0; x < d.Length; x++)
            foreach (var (vers, _) in reseau.ArcsSatures(premierDossier + x))
                if (vers >= premierJure && vers < surplus) paires.Add((d[x], j[vers - premierJure]));
        return paires;
    }

    /// <summary>Dinic's algorithm on a small residual graph.</summary>
    private sealed class Reseau(int noeuds)
    {
        private readonly List<int> _vers = [], _capacite = [], _suivant = [];
        private readonly List<int> _initiale = [];
        private readonly int[] _tete = Enumerable.Repeat(-1, noeuds).ToArray();
        private int[] _niveau = [], _courant = [];

        public void Arc(int de, int vers, int capacite)
        {
            if (capacite <= 0) return;
            Ajouter(de, vers, capacite);
            Ajouter(vers, de, 0);
        }

        private void Ajouter(int de, int vers, int capacite)
        {
            _vers.Add(vers); _capacite.Add(capacite); _initiale.Add(capacite); _suivant.Add(_tete[de]);
            _tete[de] = _vers.Count - 1;
        }

        public IEnumerable<(int Vers, int Flot)> ArcsSatures(int de)
        {
            var arcs = new List<(int, int)>();
            for (var a = _tete[de]; a >= 0; a = _suivant[a])
                if (_initiale[a] > 0 && _capacite[a] < _initiale[a]) arcs.Add((_vers[a], _initiale[a] - _capacite[a]));
            arcs.Reverse(); // in insertion order
            return arcs;
        }

        public int FlotMax(int source, int puits)
        {
            var flot = 0;
            while (Niveaux(source, puits))
            {
                _courant = (int[])_tete.Clone();
                int pousse;
                while ((pousse = Pousser(source, puits, int.MaxValue)) > 0) flot += pousse;
            }
            return flot;
        }

        private bool Niveaux(int source, int puits)
        {
            _niveau = Enumerable.Repeat(-1, _tete.Length).ToArray();
            var file = new Queue<int>();
            _niveau[source] = 0;
            file.Enqueue(source);
            while (file.Count > 0)
            {
                var n = file.Dequeue();
                for (var a = _tete[n]; a >= 0; a = _suivant[a])
                    if (_capacite[a] > 0 && _niveau[_vers[a]] < 0)
                    {
                        _niveau[_vers[a]] = _niveau[n] + 1;
                        file.Enqueue(_vers[a]);
                    }
            }
            return _niveau[puits] >= 0;
        }

        private int Pousser(int n, int puits, int limite)
        {
            if (n == puits) return limite;
            for (; _courant[n] >= 0; _courant[n] = _suivant[_courant[n]])
            {
                var a = _courant[n];
                var v = _vers[a];
                if (_capacite[a] <= 0 || _niveau[v] != _niveau[n] + 1) continue;
                var pousse = Pousser(v, puits, Math.Min(limite, _capacite[a]));
                if (pousse <= 0) continue;
                _capacite[a] -= pousse;
                _capacite[a ^ 1] += pousse;
                return pousse;
            }
            return 0;
        }
    }
}
