"""Base: errores, espacios de nombres, recursos empaquetados, texto y escritura atómica.

No importa nada del proyecto.
"""
